// Hono: cors() from hono/cors, registered before the routes on a path that covers every URL the page calls
// (path-scoped middleware leaves other preflights at 404).
import type { FixGenerator } from './types.ts';
import { buildFix, pitfallText } from './common.ts';
import { HONO_KEYS, jsCorsOptions, pathPrefix } from './syntax.ts';
import { jsStr as sq } from './quote/code.ts';

export const hono: FixGenerator = {
  id: 'hono',
  label: 'Hono',
  generate: (input) =>
    buildFix('hono', input, (p) => {
      return {
        title: `Allow ${p.origin} with hono/cors`,
        snippets: [
          {
            language: 'typescript',
            where: 'right after `const app = new Hono()`, before every route',
            code: `import { cors } from 'hono/cors';\n\napp.use(\n  ${sq(pathPrefix(p.path))},\n  cors(${jsCorsOptions(p, HONO_KEYS, '    ')}),\n);\n`,
          },
        ],
        pitfall: pitfallText(p, {
          'preflight-unhandled':
            'cors() was not registered for this path (or after the route), so Hono answered the OPTIONS preflight 404.',
          'wildcard-credentials':
            "Hono's cors() defaults to origin '*', which the browser rejects with credentials; list the origin.",
        }),
        notes: ['On Cloudflare Workers the same middleware works; add Vary: Origin to any cache rule.'],
      };
    }),
};

// References: hono.dev/docs/middleware/builtin/cors.
