// Rule expose-headers: which response headers script can read. A CORS response exposes the safelisted response
// headers plus Access-Control-Expose-Headers; `*` exposes all only without credentials. Set-Cookie never.
import { getHeader, parseTokenList } from '../headers.ts';
import type { HeaderMap } from '../types.ts';

/** Fetch "CORS-safelisted response-header name": readable by script on any CORS response. */
export const SAFELISTED_RESPONSE_HEADERS: readonly string[] = [
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
];
const FORBIDDEN_RESPONSE = new Set(['set-cookie', 'set-cookie2']);

export function readableHeaders(
  headers: HeaderMap,
  responseType: 'basic' | 'cors' | 'opaque',
  withCredentials: boolean,
): string[] {
  if (responseType === 'opaque') return [];
  const aceh = responseType === 'cors' ? getHeader(headers, 'access-control-expose-headers') : null;
  const exposed = aceh === null ? [] : (parseTokenList(aceh) ?? []).map((h) => h.toLowerCase());
  const all = responseType === 'basic' || (exposed.includes('*') && !withCredentials);
  const out: string[] = [];
  for (const key in headers) {
    const name = key.toLowerCase();
    if (FORBIDDEN_RESPONSE.has(name) || out.includes(name)) continue;
    if (all || SAFELISTED_RESPONSE_HEADERS.includes(name) || exposed.includes(name)) out.push(name);
  }
  return out.length < 2 ? out : out.sort();
}

/* References: Fetch Standard §2.2.6 "CORS-safelisted response-header name" and "CORS filtered response"
   (https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name); MDN Access-Control-Expose-Headers
   (https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Access-Control-Expose-Headers). */
