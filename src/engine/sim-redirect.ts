// Redirects inside simulateFetch: Chrome's network-stack refusals of a Location (before CORS and before the redirect
// mode are looked at), and Fetch's "HTTP-redirect fetch" that moves the run to the Location.
import { getHeader } from './headers.ts';
import { checkRedirectLocation, taintsOrigin } from './rules/redirect-location.ts';
import { block, fail, type SimRun } from './sim-state.ts';
import type { SimResponse, SimResult } from './types.ts';
import { isSameOrigin, parseUrl, resolveUrl, type ParsedUrl } from './url.ts';

const MAX_REDIRECTS = 20;
// Chromium refuses a redirect from http(s) to these before any CORS check: net::ERR_UNSAFE_REDIRECT, no CorsError
// (measured: a 302 to data: on Chromium 156). Other schemes (ftp:, foo:) reach the CORS check: CorsDisabledScheme.
const UNSAFE_REDIRECT_SCHEMES = new Set(['data', 'file', 'about', 'javascript', 'blob', 'filesystem']);
const BODY_HEADERS = new Set(['content-encoding', 'content-language', 'content-location', 'content-type']);

/** The redirect's Location, resolved, or the network error that ends the run there. */
function locationOf(run: SimRun, response: SimResponse): { href: string; url: ParsedUrl } | SimResult {
  const { s } = run;
  const href = resolveUrl(getHeader(response.headers, 'location') ?? '', s.url);
  const url = href === null ? null : parseUrl(href);
  if (href === null || url === null) return fail(s, 'redirect', 'net::ERR_INVALID_REDIRECT', response.status);
  if (UNSAFE_REDIRECT_SCHEMES.has(url.scheme))
    return fail(s, 'redirect', 'net::ERR_UNSAFE_REDIRECT', response.status);
  return { href, url };
}

/**
 * Chrome's network stack checks a redirect's Location before it hands the redirect to CORS or to the redirect mode
 * (net URLRequestJob: "invalid redirect targets are failed early"), so an unsafe or unparsable Location fails even in
 * `redirect: 'manual'` mode and even when the redirect lacks CORS headers. The standard parses the Location only when
 * following (docs/engine.md, "Ported suites").
 */
export function refuseLocation(run: SimRun, response: SimResponse): SimResult | null {
  const location = locationOf(run, response);
  return 'href' in location ? null : location;
}

/** Fetch "HTTP-redirect fetch": checks the Location and moves the run to it; a result only when it ends there. */
export function followRedirect(
  run: SimRun,
  response: SimResponse,
  target: ParsedUrl,
  hop: number,
): SimResult | null {
  const { s } = run;
  if (s.request.redirect === 'error')
    return fail(s, 'redirect', "a redirect while redirect mode is 'error'", response.status);
  if (hop >= MAX_REDIRECTS) return fail(s, 'redirect', 'net::ERR_TOO_MANY_REDIRECTS', response.status);
  const resolved = locationOf(run, response);
  if (!('href' in resolved)) return resolved;
  const { href, url: location } = resolved;
  const failure = checkRedirectLocation(location, {
    mode: s.request.mode,
    requestOrigin: s.request.origin,
    isTainted: s.origin === 'null',
    isCors: s.tainting === 'cors',
  });
  if (failure !== null) return block(s, 'redirect', failure, response.status);
  if (s.tainting !== 'basic' && taintsOrigin(s.request.origin, target.origin, location.origin)) {
    if (s.origin !== 'null') {
      const message = `The redirect from ${target.origin} to ${location.origin} set the request's Origin to null`;
      s.result.causes.push({ code: 'tainted-origin', severity: 'info', message });
    }
    s.origin = 'null';
  }
  // Step 12: 301/302 turn POST into GET, 303 turns anything but GET/HEAD into GET, and the body headers go.
  const status = response.status;
  if (
    ((status === 301 || status === 302) && run.method === 'POST') ||
    (status === 303 && run.method !== 'GET' && run.method !== 'HEAD')
  ) {
    run.method = 'GET';
    run.headers = run.headers.filter(([n]) => !BODY_HEADERS.has(n));
  }
  // Step 13 (whatwg/fetch#1544): a cross-origin redirect drops Authorization.
  if (!isSameOrigin(target.origin, location.origin))
    run.headers = run.headers.filter(([n]) => n !== 'authorization');
  s.url = href;
  return null;
}
