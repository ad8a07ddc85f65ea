// The web-platform-tests resources the ported WPT cases talk to, as engine server models: fetch/api/resources/
// preflight.py (answers OPTIONS and the request from its query string) and redirect.py (redirects to `location` with
// `redirect_status`, counting hops up to `max_count`). Only what the verdict depends on is modelled.
import type { BrowserProfile, HeaderMap, ServerAnswer, SimRequest, SimResult } from '../types.ts';
import { simulateFetch } from '../simulate.ts';

export const PAGE = 'http://web-platform.test:8000';
export const REMOTE = 'http://www1.web-platform.test:8000';
export const REMOTE2 = 'http://www2.web-platform.test:8000';
export const OTHER_PORT = 'http://web-platform.test:8001';

/** preflight.py: ACAO is the `origin` parameter or `*`; `credentials` adds ACAC: true; lists from the query. */
export function preflightPy(url: URL): ServerAnswer {
  const q = url.searchParams;
  const headers: Record<string, string> = { 'access-control-allow-origin': q.get('origin') ?? '*' };
  if (q.has('credentials')) headers['access-control-allow-credentials'] = 'true';
  const preflight: Record<string, string> = { ...headers };
  const methods = q.get('allow_methods');
  const allowHeaders = q.get('allow_headers');
  if (methods !== null) preflight['access-control-allow-methods'] = methods;
  if (allowHeaders !== null) preflight['access-control-allow-headers'] = allowHeaders;
  const status = Number(q.get('preflight_status') ?? '200');
  return { preflight: { status, headers: preflight }, response: { status: 200, headers } };
}

/** redirect.py: a redirect that passes the CORS check (the verdict then rests on the Location), or the final 200. */
export function redirectPy(url: URL, hop: number): ServerAnswer {
  const q = url.searchParams;
  const max = Number(q.get('max_count') ?? '1');
  // `self`: back to this same URL (redirect-count), counting hops as redirect.py's stash does.
  const location = q.get('location') === 'self' ? url.href : q.get('location');
  if (location === null || hop >= max)
    return { response: { status: 200, headers: { 'access-control-allow-origin': '*' } } };
  const headers: HeaderMap = {
    location,
    'access-control-allow-origin': PAGE,
    'access-control-allow-credentials': 'true',
  };
  return { response: { status: Number(q.get('redirect_status') ?? '302'), headers } };
}

/** Runs a request from the WPT page origin against preflight.py / redirect.py on any of the test origins. */
export function wptFetch(
  url: string,
  init: Partial<SimRequest> = {},
  browser: BrowserProfile = 'chrome',
): SimResult {
  let hops = 0;
  const server = (u: string): ServerAnswer | undefined => {
    const parsed = new URL(u);
    if (parsed.pathname.endsWith('/redirect.py')) return redirectPy(parsed, hops++);
    if (parsed.pathname.endsWith('/preflight.py')) return preflightPy(parsed);
    return undefined;
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
  return simulateFetch(request, server, { browser });
}

export const RESOURCES = '/fetch/api/resources';
export const BOTH: readonly BrowserProfile[] = ['chrome', 'standard'];
