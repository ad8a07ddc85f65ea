// Koa + @koa/cors: app.use(cors()) before the router, so router.allowedMethods() never answers the preflight. v5
// defaults origin to '*' (v4 reflected any origin), so the origin is always explicit.
import type { FixGenerator } from './types.ts';
import { buildFix, pitfallText } from './common.ts';
import { HONO_KEYS, jsCorsOptions } from './syntax.ts';

export const koa: FixGenerator = {
  id: 'koa',
  label: 'Koa (@koa/cors)',
  generate: (input) =>
    buildFix('koa', input, (p) => {
      return {
        title: `Allow ${p.origin} with @koa/cors`,
        snippets: [
          {
            language: 'javascript',
            where: 'right after `const app = new Koa()`, before app.use(router.routes())',
            code: `import cors from '@koa/cors';\n\napp.use(\n  cors(${jsCorsOptions(p, HONO_KEYS, '    ')}),\n);\n`,
          },
        ],
        pitfall: pitfallText(p, {
          'preflight-unhandled':
            '@koa/router allowedMethods() answered the OPTIONS preflight (200 + Allow, no CORS) because cors ran after the router or not at all.',
          'wildcard-credentials':
            '@koa/cors 5 defaults to origin *, and v4 reflected every origin: list the origin.',
        }),
        notes: [
          '@koa/cors takes a string or a function for origin, not an array: use (ctx) => allowed.includes(ctx.get("Origin")) ? ctx.get("Origin") : "" for several.',
        ],
      };
    }),
};

// References: github.com/koajs/cors README; koajs/cors#93.
