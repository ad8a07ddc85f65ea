// What a request asked of the API's CORS configuration: the method and the non-safelisted header names. The
// preflight's Access-Control-Request-* is the browser's own list, so it wins; without one, the engine computes it.
import { accessControlRequestHeaders, getHeader } from '../engine/index.ts';
import type { HeaderMap, Observed } from '../engine/types.ts';

const get = (h: HeaderMap | undefined, name: string): string | null =>
  h === undefined ? null : getHeader(h, name);

const names = (list: string | null): string[] =>
  (list ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');

export interface Asked {
  method: string;
  /** Lower-case, sorted, unique. */
  headers: string[];
}

export function askedOf(o: Observed): Asked {
  const acrh = get(o.preflight?.requestHeaders, 'access-control-request-headers');
  const headers = names(acrh ?? accessControlRequestHeaders(o.requestHeaders ?? {}));
  return {
    method: (get(o.preflight?.requestHeaders, 'access-control-request-method') ?? o.method).toUpperCase(),
    headers: [...new Set(headers)].sort(),
  };
}

/** The http(s) origin of a URL without a URL parser (pure layer), or the URL itself. */
export function apiOriginOf(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)/i.exec(url);
  return (m?.[1] ?? url).toLowerCase();
}

/** Whether the request carried a Cookie (only a credentialed request does). */
export const sentCookie = (o: Observed): boolean =>
  get(o.requestHeaders, 'cookie') !== null || o.hops.some((h) => get(h.requestHeaders, 'cookie') !== null);
