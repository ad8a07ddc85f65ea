// Express + the cors package: app-level cors() before every route, with the exact origin. Per-route cors()
// leaves OPTIONS to Express, which answers 200 with the Allow list and no CORS headers (docs/backends.md#pitfalls).
import type { FixGenerator } from './types.ts';
import { buildFix, describe, type Plan } from './common.ts';
import { EXPRESS_KEYS, jsCorsOptions } from './syntax.ts';

/** The options object of express `cors` (also NestJS and @fastify/cors, which share these names). */
export const expressCorsOptions = (p: Plan): string => jsCorsOptions(p, EXPRESS_KEYS);

export const express: FixGenerator = {
  id: 'express',
  label: 'Express (cors)',
  generate: (input) =>
    buildFix('express', input, (p) => {
      const pitfalls: Partial<Record<Plan['pitfall'], string>> = {
        'preflight-unhandled':
          'cors() registered on the route only: Express answers the OPTIONS preflight itself (200, body = Allow list, no CORS headers). Register it with app.use() before the routes.',
        'error-loses-cors': `The ${p.realStatus ?? 'error'} response has no CORS headers: something answered before cors() ran (an earlier middleware, auth, or a proxy). app.use(cors()) must be the first middleware.`,
        'wildcard-credentials':
          "cors() defaults to origin '*', which browsers reject with credentials; origin: true reflects every site and is unsafe. List the origin.",
        methods: `cors' default methods are GET,HEAD,PUT,PATCH,POST,DELETE; a custom list must include ${describe.methods(p)}.`,
        headers: `allowedHeaders must include ${describe.headers(p)}.`,
        'duplicate-acao':
          'Both a proxy and cors() add Access-Control-Allow-Origin: keep one (nginx: proxy_hide_header Access-Control-Allow-Origin).',
      };
      return {
        title: `Allow ${p.origin} with app-level cors()`,
        snippets: [
          {
            language: 'javascript',
            where:
              'app.js, right after `const app = express()` and before every route, router and error handler',
            code: `import cors from 'cors'; // CommonJS: const cors = require('cors');\n\napp.use(cors(${expressCorsOptions(p)}));\n`,
          },
        ],
        pitfall: pitfalls[p.pitfall] ?? null,
        notes: [
          "Express 5: app.options('*', cors()) throws \"Missing parameter name\"; app.use(cors()) answers every preflight, or use '/{*splat}'.",
          'Never use origin: true with credentials: it reflects every site.',
        ],
      };
    }),
};

// References: github.com/expressjs/cors README; expressjs/cors#149; expressjs/express#6428.
