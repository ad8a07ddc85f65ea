// Rule origin-lookalike: an Access-Control-Allow-Origin that is almost the page's origin. Origins match byte for
// byte, so a trailing slash, a path, localhost vs 127.0.0.1, another port or http vs https all fail.
import type { Cause } from '../types.ts';
import { parseUrl } from '../url.ts';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function originLookalikeHints(acao: string | null, origin: string): Cause[] {
  if (acao === null || acao === '*' || acao === origin || origin === 'null') return [];
  const hint = (code: Cause['code'], message: string): Cause[] => [{ code, severity: 'warning', message }];
  if (acao === `${origin}/`)
    return hint(
      'acao-trailing-slash',
      `Access-Control-Allow-Origin is '${acao}': drop the trailing slash, an origin has none`,
    );
  const allowed = parseUrl(acao);
  const page = parseUrl(origin);
  if (allowed === null || page === null) return [];
  if (allowed.origin === origin && /^[a-z][a-z0-9+.-]*:\/\/[^/]+\/./i.test(acao)) {
    return hint(
      'acao-has-path',
      `Access-Control-Allow-Origin is '${acao}': an origin is scheme://host:port, without a path`,
    );
  }
  if (allowed.host === page.host && allowed.scheme === page.scheme && allowed.port !== page.port) {
    return hint(
      'port-mismatch',
      `Access-Control-Allow-Origin allows port ${allowed.port || 'default'} but the page runs on port ${page.port || 'default'}`,
    );
  }
  if (allowed.host === page.host && allowed.scheme !== page.scheme) {
    return hint(
      'scheme-mismatch',
      `Access-Control-Allow-Origin allows ${allowed.scheme}:// but the page is served over ${page.scheme}://`,
    );
  }
  if (allowed.host !== page.host && LOOPBACK.has(allowed.host) && LOOPBACK.has(page.host)) {
    return hint(
      'localhost-vs-127',
      `Access-Control-Allow-Origin allows ${allowed.origin} but the page is ${origin}: ${allowed.host} and ${page.host} are different origins`,
    );
  }
  return [];
}

/* References: RFC 6454 §6.1 origin serialization; Fetch Standard §4.9 CORS check (https://fetch.spec.whatwg.org/#cors-check);
   MDN CORSAllowOriginNotMatchingOrigin; adamchainz/django-cors-headers#339. */
