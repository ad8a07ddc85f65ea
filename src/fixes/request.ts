// Builds the FixRequest from what the extension or the CLI observed: the preflight's Access-Control-Request-Headers
// when there was one (exactly what the browser asked), else the page's own non-safelisted headers.
import { accessControlRequestHeaders, getHeader, SAFELISTED_RESPONSE_HEADERS } from '../engine/index.ts';
import type { Diagnosis, HeaderMap, Observed } from '../engine/types.ts';
import type { FixRequest } from './types.ts';

const get = (h: HeaderMap | undefined, name: string): string | null =>
  h === undefined ? null : getHeader(h, name);
const names = (list: string | null): string[] =>
  (list ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');

export function fixRequestFrom(observed: Observed, diagnosis: Diagnosis): FixRequest {
  // What the browser asked in the preflight is authoritative; without one, the engine computes what it would ask.
  const acrh = get(observed.preflight?.requestHeaders, 'access-control-request-headers');
  const requestHeaders = names(acrh ?? accessControlRequestHeaders(observed.requestHeaders ?? {}));
  const cookieSent =
    get(observed.requestHeaders, 'cookie') !== null ||
    observed.hops.some((h) => get(h.requestHeaders, 'cookie') !== null);
  const credentials = diagnosis.credentials === 'include' || observed.credentials === 'include' || cookieSent;
  return {
    origin: observed.pageOrigin,
    url: observed.url,
    method: (
      get(observed.preflight?.requestHeaders, 'access-control-request-method') ?? observed.method
    ).toUpperCase(),
    requestHeaders: [...new Set(requestHeaders)].sort(),
    credentials,
    exposeHeaders: [
      ...new Set(
        (observed.readHeaders ?? [])
          .map((h) => h.toLowerCase())
          .filter((h) => !SAFELISTED_RESPONSE_HEADERS.includes(h)),
      ),
    ].sort(),
  };
}
