// Builds the FixRequest from what the extension or the CLI observed: the preflight's Access-Control-Request-Headers
// when there was one (exactly what the browser asked), else the page's own non-safelisted headers.
import type { Diagnosis, HeaderMap, Observed } from '../engine/types.ts';
import type { FixRequest } from './types.ts';

function get(h: HeaderMap | undefined, name: string): string | null {
  if (h === undefined) return null;
  for (const [k, v] of Object.entries(h))
    if (k.toLowerCase() === name) return typeof v === 'string' ? v : v.join(', ');
  return null;
}

const SIMPLE_CONTENT_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);
// Headers the browser sets itself; they are never part of Access-Control-Request-Headers (Fetch §forbidden header name).
const BROWSER_OWNED = new Set([
  'cookie',
  'origin',
  'referer',
  'host',
  'connection',
  'content-length',
  'user-agent',
  'accept-encoding',
  'sec-fetch-mode',
  'sec-fetch-site',
  'sec-fetch-dest',
]);

/** Fetch's CORS-safelisted request headers (simplified: value checks only for Content-Type). */
function isSafelisted(name: string, value: string): boolean {
  if (name === 'accept' || name === 'accept-language' || name === 'content-language') return true;
  if (name === 'content-type')
    return SIMPLE_CONTENT_TYPES.has(value.split(';')[0]?.trim().toLowerCase() ?? '');
  return false;
}

// Response headers script can always read (Fetch §CORS-safelisted response-header name).
const SAFELISTED_RESPONSE = new Set([
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
]);

export function fixRequestFrom(observed: Observed, diagnosis: Diagnosis): FixRequest {
  const acrh = get(observed.preflight?.requestHeaders, 'access-control-request-headers');
  const fromPage = Object.entries(observed.requestHeaders ?? {})
    .filter(
      ([k, v]) =>
        !BROWSER_OWNED.has(k.toLowerCase()) &&
        !k.toLowerCase().startsWith('sec-') &&
        !isSafelisted(k.toLowerCase(), typeof v === 'string' ? v : v.join(', ')),
    )
    .map(([k]) => k.toLowerCase());
  const requestHeaders =
    acrh !== null
      ? acrh
          .split(',')
          .map((h) => h.trim().toLowerCase())
          .filter((h) => h !== '')
      : fromPage;
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
        (observed.readHeaders ?? []).map((h) => h.toLowerCase()).filter((h) => !SAFELISTED_RESPONSE.has(h)),
      ),
    ].sort(),
  };
}
