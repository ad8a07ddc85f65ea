// simulateFetch: what a browser does with one request against a model of the servers, hop by hop (Fetch "main
// fetch" / "HTTP fetch" / "HTTP-redirect fetch"), reporting the first failure the way Chromium names it.
import { checkAccess } from './cors-check.ts';
import { getHeader } from './headers.ts';
import { checkPreflight, NO_PREFLIGHT_ROUTE } from './preflight.ts';
import { cacheEntryFor, cacheLookup, cacheStore } from './preflight-cache.ts';
import { isRedirect } from './rules/preflight-redirect.ts';
import { checkRedirectLocation, taintsOrigin } from './rules/redirect-location.ts';
import { checkRequestMode } from './rules/request-mode.ts';
import {
  authorHeaders,
  corsUnsafeHeaderNames,
  isForbiddenMethod,
  isSafelistedMethod,
  normalizeMethod,
} from './safelist.ts';
import { allow, answerFor, authorizationWarning, block, fail, newState, type SimState } from './sim-state.ts';
import { chromeFacts } from './chrome-versions.ts';
import { factsOf } from './browsers.ts';
import { addressSpaceOfHost, checkLocalNetwork } from './rules/local-network.ts';
import type {
  LocalNetworkContext,
  ServerAnswer,
  ServerModel,
  SimOptions,
  SimRequest,
  SimResponse,
  SimResult,
  Stage,
} from './types.ts';
import { isSameOrigin, parseUrl, resolveUrl, type ParsedUrl } from './url.ts';

const MAX_REDIRECTS = 20;
// Chromium refuses a redirect from http(s) to these before any CORS check: net::ERR_UNSAFE_REDIRECT, no CorsError
// (measured: a 302 to data: on Chromium 156). Other schemes (ftp:, foo:) reach the CORS check: CorsDisabledScheme.
const UNSAFE_REDIRECT_SCHEMES = new Set(['data', 'file', 'about', 'javascript', 'blob', 'filesystem']);
const BODY_HEADERS = new Set(['content-encoding', 'content-language', 'content-location', 'content-type']);

interface Run {
  s: SimState;
  options: SimOptions;
  method: string;
  headers: [string, string][];
  withCredentials: boolean;
}

/** Runs one request against the server model and returns the browser's verdict. */
export function simulateFetch(request: SimRequest, server: ServerModel, options: SimOptions = {}): SimResult {
  const run: Run = {
    s: newState(request),
    options,
    method: normalizeMethod(request.method),
    headers: authorHeaders(request.headers, options.browser ?? 'chrome'),
    withCredentials: request.credentials === 'include',
  };
  const s = run.s;
  // The Request constructor throws a TypeError before anything is fetched (Fetch "new Request": a forbidden method,
  // then a no-cors request with a method that is not safelisted). Chromium: IsForbiddenMethod, in both profiles.
  if (isForbiddenMethod(run.method))
    return fail(s, 'request', `a TypeError ('${run.method}' is a forbidden method)`);
  if (request.mode === 'no-cors' && !isSafelistedMethod(run.method)) {
    return fail(s, 'request', `a TypeError ('${run.method}' is unsupported in no-cors mode)`);
  }
  for (let hop = 0; ; hop++) {
    const target = parseUrl(s.url);
    s.api = target?.origin ?? s.url;
    const stage = hop === 0 ? 'request' : 'redirect';
    if (target === null) return fail(s, stage, 'an invalid URL');
    const refused = enterOrigin(run, target, hop);
    if (refused !== null) return refused;
    const answer = answerFor(server, s.url);
    // No answer at all: the server is unreachable (connection refused), before any preflight or CORS check.
    if (answer === undefined) return fail(s, stage, 'no response');
    if (request.localNetwork !== undefined && factsOf(run.options.browser).localNetworkAccess) {
      const refusedSpace = localNetworkCheck(run, request.localNetwork, answer, target, stage);
      if (refusedSpace !== null) return refusedSpace;
    }
    const preflightFailed = s.tainting === 'cors' ? preflight(run, answer) : null;
    if (preflightFailed !== null) return preflightFailed;
    // Status 0 stands for "no response" (connection failed, or a request that was never sent).
    if (answer.response.status === 0) return fail(s, 'actual', 'no response');
    const response = answer.response;
    const redirects = isRedirect(response);
    if (s.tainting === 'cors') {
      const failure = checkAccess(response.headers, s.origin, run.withCredentials, false);
      if (failure !== null) return block(s, redirects ? 'redirect' : 'actual', failure, response.status);
    }
    if (!redirects || request.redirect === 'manual') return allow(s, response, run.withCredentials);
    const ended = followRedirect(run, response, target, hop);
    if (ended !== null) return ended;
  }
}

/** Local Network Access, before anything is sent to this hop's server (not in the standard: Firefox only logs). */
function localNetworkCheck(
  run: Run,
  client: LocalNetworkContext,
  answer: ServerAnswer,
  target: ParsedUrl,
  stage: Stage,
): SimResult | null {
  const space = answer.addressSpace ?? addressSpaceOfHost(target.host) ?? 'public';
  const failure = checkLocalNetwork(client, space, chromeFacts(run.options.chromeVersion));
  if (failure === null) return null;
  run.s.result.addressSpace = failure.space;
  return block(run.s, stage, failure, null);
}

/** Main fetch's mode checks when the request leaves (or is already away from) its own origin. */
function enterOrigin(run: Run, target: ParsedUrl, hop: number): SimResult | null {
  const { s } = run;
  if (s.tainting === 'basic' && isSameOrigin(s.request.origin, target.origin)) return null;
  const failure = checkRequestMode({
    mode: s.request.mode,
    redirect: s.request.redirect ?? 'follow',
    scheme: target.scheme,
  });
  if (failure !== null && failure.corsError !== 'CorsDisabledScheme') {
    // Blink refuses these itself, so Chrome reports no CorsError (measured on Chromium 156): fetch() rejects
    // same-origin mode to another origin, and no-cors with a redirect mode other than follow, before sending; a
    // same-origin-mode redirect to another origin ends in "Unsafe attempt to load URL" (docs/engine.md).
    const stage = hop === 0 ? 'request' : 'redirect';
    return fail(s, stage, `a TypeError (Chrome refuses it before sending: ${failure.corsError})`);
  }
  if (failure !== null) return block(s, hop === 0 ? 'request' : 'redirect', failure, null);
  if (s.tainting === 'basic') s.tainting = s.request.mode === 'no-cors' ? 'opaque' : 'cors';
  return null;
}

/** The CORS-preflight, when this hop needs one; a result only when it fails. */
function preflight(run: Run, answer: ServerAnswer): SimResult | null {
  const { s, method } = run;
  const unsafe = corsUnsafeHeaderNames(run.headers, run.options.browser ?? 'chrome');
  const r = s.result;
  const facts = factsOf(run.options.browser);
  const again = facts.preflightStaysOnRedirect && r.preflightSent;
  if (isSafelistedMethod(method) && unsafe.length === 0 && !again) return null;
  const browser = run.options.browser ?? 'chrome';
  const cache = run.options.preflightCache;
  // Objects for the cache only when there is one: this runs on every preflighted simulation (npm run bench).
  const withCredentials = run.withCredentials;
  if (cache !== undefined) {
    const hit = { origin: s.origin, url: s.url, method, unsafeNames: unsafe, withCredentials };
    if (cacheLookup(cache, hit, browser)) return null;
  }
  r.preflightSent = true;
  if (r.accessControlRequestHeaders === null && unsafe.length > 0)
    r.accessControlRequestHeaders = unsafe.join(',');
  if (r.preflightReasons.method === null && r.preflightReasons.headers.length === 0) {
    r.preflightReasons = { method: isSafelistedMethod(method) ? null : method, headers: unsafe };
  }
  const p = answer.preflight ?? NO_PREFLIGHT_ROUTE;
  // A preflight without a response is a network error on the actual request, with no CorsError (measured: a
  // dropped connection gives net::ERR_EMPTY_RESPONSE; DevTools' InvalidResponse never reaches loadingFailed).
  if (p.status === 0) return fail(s, 'preflight', 'no response to the preflight');
  const origin = facts.preflightKeepsOrigin ? s.request.origin : s.origin;
  const outcome = checkPreflight(p, origin, method, unsafe, run.withCredentials, run.options);
  const failedOnAuthorization = outcome.failure?.failedParameter === 'authorization';
  const warning = authorizationWarning(
    browser,
    p.headers,
    outcome.authorizationByWildcard,
    failedOnAuthorization,
    run.withCredentials,
  );
  if (warning !== null) r.causes.push(warning);
  if (outcome.failure !== null) return block(s, 'preflight', outcome.failure, p.status);
  // Only a successful preflight is cached: a failing one never is, so a fixed server is seen at once.
  if (cache !== undefined) {
    const key = { origin: s.origin, url: s.url, credentials: withCredentials };
    const entry = cacheEntryFor(p, key, cache.now, browser);
    if (entry !== null) cacheStore(cache, entry);
  }
  return null;
}

/** Fetch "HTTP-redirect fetch": checks the Location and moves the run to it; a result only when it ends there. */
function followRedirect(run: Run, response: SimResponse, target: ParsedUrl, hop: number): SimResult | null {
  const { s } = run;
  if (s.request.redirect === 'error')
    return fail(s, 'redirect', "a redirect while redirect mode is 'error'", response.status);
  if (hop >= MAX_REDIRECTS) return fail(s, 'redirect', 'net::ERR_TOO_MANY_REDIRECTS', response.status);
  const href = resolveUrl(getHeader(response.headers, 'location') ?? '', s.url);
  const location = href === null ? null : parseUrl(href);
  if (href === null || location === null)
    return fail(s, 'redirect', 'net::ERR_INVALID_REDIRECT', response.status);
  if (UNSAFE_REDIRECT_SCHEMES.has(location.scheme))
    return fail(s, 'redirect', 'net::ERR_UNSAFE_REDIRECT', response.status);
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
