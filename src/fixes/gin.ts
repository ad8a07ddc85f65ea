// Gin + gin-contrib/cors: r.Use(cors.New(...)) before the routes, exact origin with scheme (gin-contrib refuses
// origins without one at startup). Disallowed origins get 403 with an empty body, which is also Ollama's answer.
import type { FixGenerator } from './types.ts';
import { buildFix, pitfallText } from './common.ts';
import { goCorsFields } from './syntax.ts';
import { shQuote } from './quote/shell.ts';

export const gin: FixGenerator = {
  id: 'gin',
  label: 'Gin (gin-contrib/cors)',
  generate: (input) =>
    buildFix('gin', input, (p) => {
      return {
        title: `Allow ${p.origin} with gin-contrib/cors`,
        snippets: [
          { language: 'go', where: 'the import block', code: '"time"\n\n"github.com/gin-contrib/cors"\n' },
          {
            language: 'go',
            where: 'right after `r := gin.New()` / `gin.Default()`, before every route and group',
            code: `r.Use(cors.New(cors.Config{\n${goCorsFields(p, `${p.maxAge} * time.Second`)}\n}))\n`,
          },
        ],
        pitfall: pitfallText(p, {
          'preflight-unhandled':
            'cors middleware on a route group (or after the routes) leaves the OPTIONS preflight to Gin: 404 page not found.',
          'origin-not-allowed':
            'gin-contrib/cors answers 403 with an empty body to every request from an origin it does not list (Ollama: set OLLAMA_ORIGINS to the origin).',
        }),
        notes: [`Ollama: OLLAMA_ORIGINS=${shQuote(p.origin)} ollama serve (comma-separated for several).`],
      };
    }),
};

// References: github.com/gin-contrib/cors README and config.go; gin-contrib/cors#8; ollama/ollama#2308.
