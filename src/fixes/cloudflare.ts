// Cloudflare Workers: CORS handled in fetch(): the preflight answered for the one allowed origin, and the upstream
// response copied first, because headers of a fetch() response are immutable.
import type { FixGenerator } from './types.ts';
import { buildFix, pitfallText } from './common.ts';
import { jsStr as sq } from './quote/code.ts';

export const cloudflare: FixGenerator = {
  id: 'cloudflare',
  label: 'Cloudflare Workers',
  generate: (input) =>
    buildFix('cloudflare', input, (p) => {
      const base: [string, string][] = [
        ['Access-Control-Allow-Origin', 'ALLOWED_ORIGIN'],
        ...(p.credentials ? ([['Access-Control-Allow-Credentials', sq('true')]] as [string, string][]) : []),
      ];
      const pre: [string, string][] = [
        ['Access-Control-Allow-Methods', sq(p.methods.join(', '))],
        ...(p.headers.length > 0
          ? ([['Access-Control-Allow-Headers', sq(p.headers.join(', '))]] as [string, string][])
          : []),
        ['Access-Control-Max-Age', sq(String(p.maxAge))],
      ];
      const expose: [string, string][] =
        p.expose.length > 0 ? [['Access-Control-Expose-Headers', sq(p.expose.join(', '))]] : [];
      const obj = (h: [string, string][], indent: string): string =>
        h.map(([k, v]) => `${indent}${sq(k)}: ${v},`).join('\n');
      const code = `const ALLOWED_ORIGIN = ${sq(p.origin)};

export default {
  async fetch(request, env, ctx) {
    const allowed = request.headers.get('Origin') === ALLOWED_ORIGIN;
    if (request.method === 'OPTIONS' && request.headers.has('Access-Control-Request-Method')) {
      return new Response(null, {
        status: 204,
        headers: allowed ? {\n${obj([...base, ...pre], '          ')}\n          Vary: 'Origin',\n        } : { Vary: 'Origin' },
      });
    }
    const upstream = await fetch(request); // or your existing handler
    // fetch() responses have immutable headers: copy before changing them.
    const response = new Response(upstream.body, upstream);
    if (allowed) {
      for (const [name, value] of Object.entries({\n${obj([...base, ...expose], '        ')}\n      })) response.headers.set(name, value);
    }
    response.headers.append('Vary', 'Origin');
    return response;
  },
};
`;
      return {
        title: `Allow ${p.origin} in the Worker`,
        snippets: [{ language: 'javascript', where: 'the Worker entry (src/index.js)', code }],
        pitfall: pitfallText(p, {
          'preflight-unhandled':
            'The Worker passed the OPTIONS preflight to the origin, which answered it without CORS; the Worker answers it now.',
        }),
        notes: [
          'Hono on Workers: use the Hono fix (hono/cors).',
          'Cloudflare caches by URL: a cache rule must vary on Origin, or cached answers reach other origins.',
        ],
      };
    }),
};

// References: developers.cloudflare.com/workers/examples/cors-header-proxy; developers.cloudflare.com/cache/concepts/vary.
