// The plain fallback when the backend is unknown: the exact response headers the server must send, for the
// preflight and for the response, to implement in any stack.
import type { FixGenerator } from './types.ts';
import type { HeaderMap } from '../engine/types.ts';
import { buildFix, expectedHeaders, pitfallText } from './common.ts';

const asHttp = (status: string, h: HeaderMap): string =>
  `${status}\n${Object.entries(h)
    .map(
      ([k, v]) =>
        `${k.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase())}: ${typeof v === 'string' ? v : v.join(', ')}`,
    )
    .join('\n')}\n`;

export const headers: FixGenerator = {
  id: 'headers',
  label: 'HTTP headers (any backend)',
  generate: (input) =>
    buildFix('headers', input, (p) => {
      const expected = expectedHeaders(p);
      return {
        title: `Send these CORS headers for ${p.origin}`,
        snippets: [
          ...(expected.preflight
            ? [
                {
                  language: 'http' as const,
                  where: `the answer to OPTIONS ${p.path} (any 2xx, 204 is usual)`,
                  code: asHttp('HTTP/1.1 204 No Content', expected.preflight),
                },
              ]
            : []),
          {
            language: 'http',
            where: `every ${p.methods.join('/')} ${p.path} response, errors included`,
            code: asHttp('HTTP/1.1 200 OK', expected.response),
          },
        ],
        pitfall: pitfallText(p, {}),
        notes: [
          'Send Access-Control-Allow-Origin only when the request Origin equals the allowed origin exactly; never echo Origin unchecked.',
        ],
        expected,
      };
    }),
};

// References: fetch.spec.whatwg.org/#http-cors-protocol; MDN HTTP/CORS.
