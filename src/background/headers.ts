// Turns webRequest header lists into the engine's HeaderMap: lower-case names, repeated headers as arrays,
// values truncated and counts capped (limits.ts), and credentials redacted before anything is stored or sent.
import type { HeaderMap } from '../engine/types.ts';
import { LIMITS } from '../shared/limits.ts';
import { addHeader, emptyHeaders } from '../engine/headers.ts';
import type { CapturedExchange, Hop } from '../shared/exchange.ts';
import type { HeaderPair } from '../shared/protocol.ts';

export interface RawHeader {
  name: string;
  value?: string;
}

/** Secrets never leave the service worker: the engine only needs to know they were there (and the scheme). */
const REDACTED = new Set(['cookie', 'set-cookie', 'authorization', 'proxy-authorization']);

/** Request headers the browser adds by itself and a page can never set (Fetch "forbidden request headers" and
 * client hints): they never decide a CORS verdict, and dropping them halves a record's size in storage.session
 * (10 MB for everything). Origin, Cookie and Sec-Fetch-* stay: the engine reads them.
 * https://fetch.spec.whatwg.org/#forbidden-request-header */
const BROWSER_NOISE = new Set([
  'accept-encoding',
  'connection',
  'host',
  'referer',
  'keep-alive',
  'te',
  'upgrade',
  'via',
  'dnt',
]);
const isNoise = (name: string): boolean => BROWSER_NOISE.has(name) || name.startsWith('sec-ch-');

export const truncate = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max)}…` : s);

function redact(name: string, value: string): string {
  if (!REDACTED.has(name)) return value;
  if (name.endsWith('authorization')) {
    const scheme = /^\s*([A-Za-z][\w-]{0,30})\s/.exec(value)?.[1];
    return scheme ? `${scheme} <redacted>` : '<redacted>';
  }
  return '<redacted>';
}

export function normaliseHeaders(raw: readonly RawHeader[] | undefined, isRequest = false): HeaderMap {
  const out = emptyHeaders();
  if (!raw) return out;
  let kept = 0;
  for (const h of raw) {
    if (kept >= LIMITS.headersPerMessage) break;
    const name = h.name.toLowerCase();
    if (isRequest && isNoise(name)) continue;
    addHeader(out, name, truncate(redact(name, h.value ?? ''), LIMITS.headerValueChars));
    kept++;
  }
  return out;
}

/** First value of a header in a normalised map. */
export function headerValue(h: HeaderMap, name: string): string | undefined {
  const v = h[name];
  return typeof v === 'string' ? v : v?.[0];
}

const hop = (h: Hop<HeaderPair[]>): Hop => ({
  ...h,
  requestHeaders: normaliseHeaders(h.requestHeaders, true),
  responseHeaders: normaliseHeaders(h.responseHeaders),
});

/** DevTools' header pairs → the normalised maps webRequest's exchanges carry (the first request's headers, when
 * they are its first hop's, normalised once and shared). */
export const fromDevtools = (x: CapturedExchange<HeaderPair[]>): CapturedExchange => {
  const hops = x.hops.map(hop);
  const first = x.request.headers;
  const headers =
    first === null
      ? null
      : first === x.hops[0]?.requestHeaders
        ? (hops[0]?.requestHeaders ?? null)
        : normaliseHeaders(first, true);
  return { ...x, request: { ...x.request, headers }, preflight: x.preflight && hop(x.preflight), hops };
};
