// Rule missing-vary-origin: a server that echoes the request's Origin into Access-Control-Allow-Origin must say
// `Vary: Origin`, or a shared cache may serve one origin's answer to another (intermittent CORS errors).
import { getHeader } from '../headers.ts';
import type { Cause, HeaderMap } from '../types.ts';

export function missingVaryOriginHints(headers: HeaderMap): Cause[] {
  const acao = getHeader(headers, 'access-control-allow-origin');
  if (acao === null || acao === '*' || acao === 'null') return [];
  const vary = (getHeader(headers, 'vary') ?? '')
    .toLowerCase()
    .split(',')
    .map((v) => v.trim());
  if (vary.includes('origin') || vary.includes('*')) return [];
  return [
    {
      code: 'missing-vary-origin',
      severity: 'warning',
      message: `Access-Control-Allow-Origin names one origin (${acao}) without 'Vary: Origin': a cache may serve this answer to other origins`,
    },
  ];
}

/* References: Fetch Standard §3.2.4 "CORS protocol and HTTP caches" (https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches);
   MDN Access-Control-Allow-Origin (https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Access-Control-Allow-Origin#cors_and_caching). */
