// The web-platform-tests resources the ported WPT cases talk to, as engine server models: fetch/api/resources/
// preflight.py (answers OPTIONS and the request from its query string) and redirect.py (redirects to `location` with
// `redirect_status`, counting hops up to `max_count`). Only what the verdict depends on is modelled.
import type { PreflightCache } from '../preflight-cache.ts';
import type { BrowserProfile, HeaderMap, ServerAnswer, SimRequest, SimResult } from '../types.ts';
import { simulateFetch } from '../simulate.ts';

export const PAGE = 'http://web-platform.test:8000';
export const REMOTE = 'http://www1.web-platform.test:8000';
export const REMOTE2 = 'http://www2.web-platform.test:8000';
export const OTHER_PORT = 'http://web-platform.test:8001';
export const HTTPS_PAGE = 'https://web-platform.test:8443';
export const HTTPS_REMOTE = 'https://www1.web-platform.test:8443';
export const REMOTE_OTHER_PORT = 'http://www1.web-platform.test:8001';

/** preflight.py: ACAO is the `origin` parameter (its ", "-separated values, one header each: combined, the same
 * string) or `*`; `credentials` adds ACAC: true; lists and max-age from the query. */
export function preflightPy(url: URL): ServerAnswer {
  const q = url.searchParams;
  const headers: Record<string, string> = { 'access-control-allow-origin': q.get('origin') ?? '*' };
  if (q.has('credentials')) headers['access-control-allow-credentials'] = 'true';
  const preflight: Record<string, string> = { ...headers };
  for (const [param, header] of PREFLIGHT_PARAMS) {
    const value = q.get(param);
    if (value !== null) preflight[header] = value;
  }
  const status = Number(q.get('preflight_status') ?? '200');
  return { preflight: { status, headers: preflight }, response: { status: 200, headers } };
}

const PREFLIGHT_PARAMS = [
  ['allow_methods', 'access-control-allow-methods'],
  ['allow_headers', 'access-control-allow-headers'],
  ['max_age', 'access-control-max-age'],
] as const;

/**
 * redirect.py: a redirect that passes the CORS check (the verdict then rests on the Location), or the final 200 once
 * `max_count` hops were made. An http(s) Location gets the redirect's own query appended (so `allow_headers` reaches
 * preflight.py, as redirect.py does); OPTIONS is answered 200 with `allow_headers`, or redirected too with
 * `redirect_preflight`.
 */
export function redirectPy(url: URL, hop: number): ServerAnswer {
  const q = url.searchParams;
  const raw = q.get('location');
  // `self`: back to this same URL (redirect-count), counting hops as redirect.py's stash does.
  const location = raw === 'self' ? url.href : raw === null ? null : keepParameters(raw, q);
  const cors = { 'access-control-allow-origin': PAGE, 'access-control-allow-credentials': 'true' };
  if (q.has('max_count') && hop >= Number(q.get('max_count')))
    return { response: { status: 200, headers: { 'access-control-allow-origin': '*' } } };
  const headers: HeaderMap = location === null ? { ...cors } : { location, ...cors };
  const response = { status: Number(q.get('redirect_status') ?? '302'), headers };
  const allowHeaders = q.get('allow_headers');
  const preflightHeaders =
    allowHeaders === null ? cors : { ...cors, 'access-control-allow-headers': allowHeaders };
  const preflight = q.has('redirect_preflight') ? response : { status: 200, headers: preflightHeaders };
  return { preflight, response };
}

function keepParameters(location: string, q: URLSearchParams): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(location)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') return location;
  return `${location}${location.includes('?') ? '&' : '?'}${q.toString()}`;
}

/**
 * cors/resources/cors-makeheader.py: ACAO is the `origin` parameter (default: the request's Origin, the page's in every
 * ported case), `origin2` a second ACAO header; `headers`, `methods`, `credentials` the preflight lists; `code` the
 * status, `preflight` the OPTIONS status; `location` a Location on a 3xx (302 when no code). OPTIONS gets the same.
 */
export function makeHeaderPy(url: URL): ServerAnswer {
  const q = url.searchParams;
  const headers: Record<string, string> = {};
  const origins = [q.get('origin') ?? PAGE, q.get('origin2')].filter((o): o is string => o !== null);
  headers['access-control-allow-origin'] = origins.join(', ');
  for (const [param, header] of MAKEHEADER_PARAMS) {
    const value = q.get(param);
    if (value !== null) headers[header] = value;
  }
  const location = q.get('location');
  const code = Number(q.get('code') ?? (location === null ? '200' : '302'));
  const withLocation = (status: number) =>
    location !== null && status >= 300 && status < 400 ? { ...headers, location } : headers;
  const preflightCode = Number(q.get('preflight') ?? code);
  return {
    preflight: { status: preflightCode, headers: withLocation(preflightCode) },
    response: { status: code, headers: withLocation(code) },
  };
}

const MAKEHEADER_PARAMS = [
  ['headers', 'access-control-allow-headers'],
  ['credentials', 'access-control-allow-credentials'],
  ['methods', 'access-control-allow-methods'],
] as const;

/**
 * Any other resource: a static file answers 200, with the headers of a `pipe=header(Name,Value)` query (wptserve's
 * pipe) and cors-top.txt's `.headers` file (ACAO: *); inspect-headers.py and method.py with `cors` allow any origin
 * (they echo the Origin; `*` gives the same verdict for the uncredentialed requests that use them).
 */
export function staticFile(url: URL): ServerAnswer {
  const headers: Record<string, string> = {};
  const pipe = /^header\(([^,]+),(.*)\)$/.exec(url.searchParams.get('pipe') ?? '');
  const [, name, value] = pipe ?? [];
  if (name !== undefined && value !== undefined) headers[name.toLowerCase()] = value;
  if (url.pathname.endsWith('/cors-top.txt') || url.searchParams.has('cors'))
    headers['access-control-allow-origin'] = '*';
  return { response: { status: 200, headers } };
}

/** Runs a request from the WPT page origin against preflight.py / redirect.py / a file on any of the test origins. */
export function wptFetch(
  url: string,
  init: Partial<SimRequest> = {},
  browser: BrowserProfile = 'chrome',
  preflightCache?: PreflightCache,
): SimResult {
  let hops = 0;
  const server = (u: string): ServerAnswer | undefined => {
    const parsed = new URL(u);
    if (parsed.pathname.endsWith('/redirect.py')) return redirectPy(parsed, hops++);
    if (parsed.pathname.endsWith('/preflight.py')) return preflightPy(parsed);
    if (parsed.pathname.endsWith('/cors-makeheader.py')) return makeHeaderPy(parsed);
    return staticFile(parsed);
  };
  const request: SimRequest = {
    origin: PAGE,
    url,
    method: 'GET',
    headers: {},
    credentials: 'same-origin',
    mode: 'cors',
    ...init,
  };
  return simulateFetch(
    request,
    server,
    preflightCache === undefined ? { browser } : { browser, preflightCache },
  );
}

export const RESOURCES = '/fetch/api/resources';
export const BOTH: readonly BrowserProfile[] = ['chrome', 'standard'];
/** Runs a case in both profiles: the same request must get the same verdict unless the case says otherwise. */
export function inBoth(check: (browser: BrowserProfile) => void): void {
  BOTH.forEach(check);
}
