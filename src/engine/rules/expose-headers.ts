// Rule expose-headers: which response headers script can read. A CORS response exposes the safelisted response
// headers plus Access-Control-Expose-Headers; `*` exposes all only without credentials. Set-Cookie never.
import { getHeader, headerEntries, parseTokenList } from '../headers.ts';
import type { HeaderMap } from '../types.ts';

const SAFELISTED_RESPONSE = ['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma'];
const FORBIDDEN_RESPONSE = new Set(['set-cookie', 'set-cookie2']);

export function readableHeaders(headers: HeaderMap, responseType: 'basic' | 'cors' | 'opaque', withCredentials: boolean): string[] {
  if (responseType === 'opaque') return [];
  const present = headerEntries(headers).map(([n]) => n).filter((n) => !FORBIDDEN_RESPONSE.has(n));
  if (responseType === 'basic') return present.sort();
  const exposed = (parseTokenList(getHeader(headers, 'access-control-expose-headers')) ?? []).map((h) => h.toLowerCase());
  const all = exposed.includes('*') && !withCredentials;
  return present.filter((n) => all || SAFELISTED_RESPONSE.includes(n) || exposed.includes(n)).sort();
}

/* References: Fetch Standard §2.2.6 "CORS-safelisted response-header name" and "CORS filtered response"
   (https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name); MDN Access-Control-Expose-Headers
   (https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Access-Control-Expose-Headers). */
