// What a page may send cross-origin without asking first: CORS-safelisted methods and request headers, the
// forbidden request headers the browser drops, and the CORS-unsafe header names that trigger a preflight.
import { factsOf } from './browsers.ts';
import { headerEntries, trimHttpWhitespace } from './headers.ts';
import type { BrowserProfile, HeaderMap } from './types.ts';

const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/** Fetch "normalize a method": only these six are upper-cased; `patch` stays `patch`. */
export function normalizeMethod(method: string): string {
  if (method === 'GET' || method === 'POST') return method; // the common case, without allocating
  const upper = method.toUpperCase();
  return NORMALIZED_METHODS.has(upper) ? upper : method;
}

export const isSafelistedMethod = (method: string): boolean =>
  method === 'GET' || method === 'HEAD' || method === 'POST';

const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** Fetch "forbidden method" (byte-case-insensitive): `fetch()` and XHR throw before anything is sent. */
export const isForbiddenMethod = (method: string): boolean =>
  method.length >= 5 && method.length <= 7 && FORBIDDEN_METHODS.has(method.toUpperCase());

const FORBIDDEN = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);
const METHOD_OVERRIDES = new Set(['x-http-method', 'x-http-method-override', 'x-method-override']);

/**
 * Fetch "forbidden request-header": the browser sets these itself and silently drops a page's value.
 * Chromium also still drops `User-Agent`, which the standard allows since 2015 (crbug.com/571722).
 */
export function isForbiddenRequestHeader(name: string, value: string, browser: BrowserProfile): boolean {
  if (FORBIDDEN.has(name) || name.startsWith('proxy-') || name.startsWith('sec-')) return true;
  if (name === 'user-agent') return factsOf(browser).dropsUserAgent;
  if (METHOD_OVERRIDES.has(name)) {
    return value.split(',').some((m) => isForbiddenMethod(trimHttpWhitespace(m)));
  }
  return false;
}

// Fetch "CORS-unsafe request-header byte": controls except tab, and "():<>?@[\]{} and DEL.
function hasUnsafeByte(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
    if (c === 0x22 || c === 0x28 || c === 0x29 || c === 0x3a || c === 0x3c || c === 0x3e) return true;
    if (c === 0x3f || c === 0x40 || c === 0x5b || c === 0x5c || c === 0x5d || c === 0x7b || c === 0x7d)
      return true;
  }
  return false;
}

const LANGUAGE_BYTES = /^[0-9A-Za-z *,\-.;=]*$/;
const SAFE_ESSENCES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
const MIME_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** The essence of a MIME type (Fetch/MIME Sniffing "parse a MIME type"), or null when it does not parse. */
export function mimeEssence(value: string): string | null {
  const semicolon = value.indexOf(';');
  const head = trimHttpWhitespace(semicolon === -1 ? value : value.slice(0, semicolon));
  const slash = head.indexOf('/');
  if (slash === -1) return null;
  const type = head.slice(0, slash);
  const subtype = head.slice(slash + 1);
  if (!MIME_TOKEN.test(type) || !MIME_TOKEN.test(subtype)) return null;
  return `${type}/${subtype}`.toLowerCase();
}

// Fetch "simple range header value" with allowWhitespace false: `bytes=N-` or `bytes=N-M` with N <= M.
function isSimpleRange(value: string): boolean {
  const m = /^bytes=(\d+)-(\d*)$/.exec(value);
  if (m === null) return false;
  return m[2] === '' || m[2] === undefined || Number(m[1]) <= Number(m[2]);
}

const DECIMAL = /^\d+(?:\.\d+)?$/;
const INTEGER = /^\d+$/;
// Chromium's kWebEffectiveConnectionTypeMapping values, compared case-sensitively (the `ECT` client hint).
const ECT_VALUES = new Set(['slow-2g', '2g', '3g', '4g']);

/**
 * Headers Chromium safelists beyond the standard (client hints, the network-quality hints and its own
 * `Intervention`), with its value rules (services/network/public/cpp/cors/cors.cc IsCorsSafelistedHeader; the
 * ported cors_unittest.cc cases in src/engine/suites/). Measured on Chromium 156: `DPR: 2`, `Save-Data: on`,
 * `Width`, `Viewport-Width`, `Device-Memory` and `Intervention` go without a preflight, `DPR: x` and `Lang` do not
 * (scenarios client-hint-*).
 */
function isChromeSafelisted(name: string, value: string): boolean {
  switch (name) {
    case 'dpr':
    case 'device-memory':
    case 'downlink':
      return DECIMAL.test(value);
    case 'width':
    case 'viewport-width':
    case 'rtt':
      return INTEGER.test(value);
    case 'ect':
      return ECT_VALUES.has(value);
    case 'save-data':
      return value.toLowerCase() === 'on';
    case 'intervention':
      return true;
    default:
      return false;
  }
}

/** Fetch "CORS-safelisted request-header" (name lowercase, value already trimmed), plus Chromium's additions. */
export function isSafelistedRequestHeader(
  name: string,
  value: string,
  browser: BrowserProfile = 'chrome',
): boolean {
  if (value.length > 128) return false;
  switch (name) {
    case 'accept':
      return !hasUnsafeByte(value);
    case 'accept-language':
    case 'content-language':
      return LANGUAGE_BYTES.test(value);
    case 'content-type': {
      if (hasUnsafeByte(value)) return false;
      const essence = mimeEssence(value);
      return essence !== null && SAFE_ESSENCES.has(essence);
    }
    case 'range':
      // Chromium lower-cases the value before parsing it: `BYTES=100-200` is safelisted in Chrome only.
      return isSimpleRange(factsOf(browser).rangeIgnoresCase ? value.toLowerCase() : value);
    default:
      return factsOf(browser).safelistsClientHints && isChromeSafelisted(name, value);
  }
}

/** The headers the browser actually sends for the page: forbidden ones dropped, names lowercased. */
export function authorHeaders(headers: HeaderMap, browser: BrowserProfile): [string, string][] {
  const entries = headerEntries(headers);
  return entries.length === 0
    ? entries
    : entries.filter(([name, value]) => !isForbiddenRequestHeader(name, value, browser));
}

/**
 * Fetch "CORS-unsafe request-header names": sorted, lowercase. Safelisted headers count too once their values
 * together exceed 1024 bytes. Chromium combines repeated names into one value before this check, and a combined
 * value over 128 bytes is unsafe anyway, so in Chrome the 1024-byte rule never decides (5 names x 128 < 1024).
 */
export function corsUnsafeHeaderNames(
  entries: readonly (readonly [string, string])[],
  browser: BrowserProfile = 'chrome',
): string[] {
  const unsafe: string[] = [];
  const potentially: string[] = [];
  let safelistSize = 0;
  for (const [name, value] of entries) {
    if (isSafelistedRequestHeader(name, value, browser)) {
      potentially.push(name);
      safelistSize += value.length;
    } else unsafe.push(name);
  }
  if (safelistSize > 1024) unsafe.push(...potentially);
  // The spec's header list may repeat a name (Headers.append); the result is a set.
  return unsafe.length < 2 ? unsafe : [...new Set(unsafe)].sort();
}
