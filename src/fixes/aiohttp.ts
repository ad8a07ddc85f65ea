// aiohttp + aiohttp_cors: the exact origin as the defaults key, and cors.add() for EVERY route: a route left out
// answers the preflight 405 (docs/backends.md#pitfalls). Placed after the last route so the loop sees them all.
import type { FixGenerator } from './types.ts';
import { buildFix, pitfallText } from './common.ts';
import { list } from './syntax.ts';
import { pyStr as dq } from './quote/code.ts';

export const aiohttp: FixGenerator = {
  id: 'aiohttp',
  label: 'aiohttp (aiohttp_cors)',
  generate: (input) =>
    buildFix('aiohttp', input, (p) => {
      const opts = [
        ...(p.credentials ? ['allow_credentials=True,'] : []),
        `allow_methods=${list(p.methods, dq)},`,
        `allow_headers=${list(p.headers, dq)},`,
        ...(p.expose.length > 0 ? [`expose_headers=${list(p.expose, dq)},`] : []),
        `max_age=${p.maxAge},`,
      ];
      const code = `import aiohttp_cors

cors = aiohttp_cors.setup(app, defaults={
    ${dq(p.origin)}: aiohttp_cors.ResourceOptions(
${opts.map((o) => '        ' + o).join('\n')}
    ),
})
# Every route must be added, or its preflight gets 405 (routes with their own OPTIONS handler cannot be added).
for route in list(app.router.routes()):
    cors.add(route)
`;
      return {
        title: `Allow ${p.origin} with aiohttp_cors`,
        snippets: [
          {
            language: 'python',
            where: 'after the last app.router.add_* / add_routes call, before web.run_app',
            code,
          },
        ],
        pitfall: pitfallText(p, {
          'preflight-unhandled':
            'The route was not passed to cors.add(), so aiohttp answered the OPTIONS preflight 405 without CORS headers.',
          'error-loses-cors': `The ${p.realStatus ?? 'error'} response had no CORS headers: aiohttp's built-in 404/405 for unregistered routes bypass aiohttp_cors (aio-libs/aiohttp-cors#172).`,
        }),
        notes: [
          'aiohttp_cors 0.8 is needed for aiohttp ≥ 3.9; the API is the same as 0.7.',
          'aiohttp_cors never sends Vary: Origin (aio-libs/aiohttp-cors#351): add it if a cache sits in front.',
        ],
      };
    }),
};

// References: github.com/aio-libs/aiohttp-cors README; aio-libs/aiohttp-cors#172, #351.
