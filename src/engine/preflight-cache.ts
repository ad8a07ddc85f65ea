// The CORS-preflight cache (Fetch §4.8 "CORS-preflight cache", Chromium preflight_result.cc / preflight_cache.cc):
// what a successful preflight leaves behind, how long it lives, and which later requests it answers without a new
// OPTIONS. Pure: the caller owns the cache object and its clock (`now`, in seconds); the engine has neither.
// Facts and their sources: docs/engine.md, "The preflight cache".
import { factsOf } from './browsers.ts';
import { getHeader } from './headers.ts';
import { checkHeadersAllowed, parseAllowHeaders } from './rules/allow-headers.ts';
import { checkMethodAllowed, parseAllowMethods } from './rules/allow-methods.ts';
import type { BrowserProfile, SimResponse } from './types.ts';

export interface PreflightCacheEntry {
  /** The key: the Origin the preflight carried and the request URL (Chromium adds the network partition). */
  origin: string;
  url: string;
  /** Whether the preflight was made for a credentialed request: such an entry also answers uncredentialed ones. */
  credentials: boolean;
  methods: readonly string[];
  /** Lowercase. */
  headers: readonly string[];
  /** Expiry, on the caller's clock (seconds). */
  expires: number;
}

/** A caller-owned cache: pass the same object to successive simulateFetch calls, moving `now` forward. */
export interface PreflightCache {
  now: number;
  entries: PreflightCacheEntry[];
}

const DEFAULT_MAX_AGE = 5;
// Chromium caps Access-Control-Max-Age at 2 hours (since Chrome 76); Firefox at 24 hours. The standard leaves the
// limit to the browser, so the 'standard' profile uses Firefox's (browsers.ts).

/**
 * Seconds a preflight answer stays cached. Missing: 5. Chromium turns a value that is not a non-negative integer
 * (`-765`, `1.5`, `abc`) into 0 (not cached; the answer still serves the request that asked); the standard's
 * "extracting header list values" failure gives the default 5.
 */
export function maxAgeSeconds(value: string | null, browser: BrowserProfile = 'chrome'): number {
  if (value === null) return DEFAULT_MAX_AGE;
  if (!/^\d+$/.test(value)) return factsOf(browser).badMaxAgeIsZero ? 0 : DEFAULT_MAX_AGE;
  return Math.min(Number(value), factsOf(browser).maxAgeCap);
}

/** The entry a successful preflight answer leaves, or null when it is not cached (max-age 0, unparsable lists). */
export function cacheEntryFor(
  answer: SimResponse,
  key: { origin: string; url: string; credentials: boolean },
  now: number,
  browser: BrowserProfile = 'chrome',
): PreflightCacheEntry | null {
  const age = maxAgeSeconds(getHeader(answer.headers, 'access-control-max-age'), browser);
  const methods = parseAllowMethods(answer.headers);
  const headers = parseAllowHeaders(answer.headers);
  if (age <= 0 || !Array.isArray(methods) || !Array.isArray(headers)) return null;
  return { ...key, methods, headers, expires: now + age };
}

/** Whether an entry answers this request (Chromium PreflightResult::EnsureAllowedRequest, Fetch "cache match"). */
export function cacheEntryAllows(
  entry: PreflightCacheEntry,
  method: string,
  unsafeNames: readonly string[],
  withCredentials: boolean,
  browser: BrowserProfile = 'chrome',
): boolean {
  if (withCredentials && !entry.credentials) return false;
  if (checkMethodAllowed(method, entry.methods, entry.credentials) !== null) return false;
  return checkHeadersAllowed(unsafeNames, entry.headers, entry.credentials, browser).failure === null;
}

const sameKey = (e: PreflightCacheEntry, origin: string, url: string): boolean =>
  e.origin === origin && e.url === url;

/** A live entry for this origin and URL that allows the request: no preflight goes out. */
export function cacheLookup(
  cache: PreflightCache,
  req: {
    origin: string;
    url: string;
    method: string;
    unsafeNames: readonly string[];
    withCredentials: boolean;
  },
  browser: BrowserProfile = 'chrome',
): boolean {
  return cache.entries.some(
    (e) =>
      sameKey(e, req.origin, req.url) &&
      e.expires > cache.now &&
      cacheEntryAllows(e, req.method, req.unsafeNames, req.withCredentials, browser),
  );
}

/** Stores an entry, replacing the one under the same key (Chromium keeps one result per key). */
export function cacheStore(cache: PreflightCache, entry: PreflightCacheEntry): void {
  cache.entries = cache.entries.filter((e) => !sameKey(e, entry.origin, entry.url));
  cache.entries.push(entry);
}

/* References: Fetch Standard §4.8 "CORS-preflight cache" (https://fetch.spec.whatwg.org/#concept-cache); Chromium
   services/network/public/cpp/cors/preflight_result.cc (kDefaultTimeout 5 s, kMaxTimeout 2 h, ParseAccessControlMaxAge);
   MDN Access-Control-Max-Age (https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Access-Control-Max-Age). */
