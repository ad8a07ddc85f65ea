// simulateFetch: what a browser does with one request against a model of the servers, hop by hop (Fetch "main
// fetch" / "HTTP fetch" / "HTTP-redirect fetch"), reporting the first failure the way Chromium names it.
import { headlineFor } from './causes.ts';
import { checkAccess } from './cors-check.ts';
import { getHeader, parseTokenList } from './headers.ts';
import { checkPreflight, NO_PREFLIGHT_ROUTE } from './preflight.ts';
import { readableHeaders } from './rules/expose-headers.ts';
import { isRedirect } from './rules/preflight-redirect.ts';
import { checkRedirectLocation, taintsOrigin } from './rules/redirect-location.ts';
import { checkRequestMode } from './rules/request-mode.ts';
import { authorHeaders, corsUnsafeHeaderNames, isSafelistedMethod, normalizeMethod } from './safelist.ts';
import type { BrowserProfile, Cause, CauseCode, CheckFailure, HeaderMap, ServerAnswer, ServerModel, SimOptions, SimRequest, SimResult, Stage } from './types.ts';
import { isSameOrigin, parseUrl, resolveUrl } from './url.ts';

const MAX_REDIRECTS = 20;
// Chromium refuses a redirect from http(s) to these before any CORS check: net::ERR_UNSAFE_REDIRECT, no CorsError
// (measured: a 302 to data: on Chromium 156). Other schemes (ftp:, foo:) reach the CORS check: CorsDisabledScheme.
const UNSAFE_REDIRECT_SCHEMES = new Set(['data', 'file', 'about', 'javascript', 'blob', 'filesystem']);
const BODY_HEADERS = new Set(['content-encoding', 'content-language', 'content-location', 'content-type']);

const answerFor = (server: ServerModel, url: string): ServerAnswer | undefined =>
  typeof server === 'function' ? server(url) : Object.hasOwn(server, url) ? server[url] : undefined;

interface State {
  result: SimResult;
  request: SimRequest;
  url: string;
  /** The origin of `url`, for messages. */
  api: string;
  origin: string;
}

function cause(state: State, code: CauseCode, value: string, status: number | null, severity: Cause['severity']): Cause {
  return { code, severity, message: headlineFor(code, { api: state.api, origin: state.origin, value, status, url: state.url }) };
}

function block(state: State, stage: Stage, failure: CheckFailure | null, code: CauseCode, status: number | null, value = ''): SimResult {
  const r = state.result;
  r.blocked = true;
  r.stage = stage;
  r.responseType = null;
  r.readableHeaders = [];
  r.requestOrigin = state.origin;
  r.url = state.url;
  r.status = status;
  if (failure !== null) {
    r.corsError = failure.corsError;
    r.failedParameter = failure.failedParameter;
  }
  r.causes.unshift(cause(state, code, failure?.failedParameter ?? value, status, 'error'));
  return r;
}

const allowHeadersWildcard = (headers: HeaderMap): boolean => (parseTokenList(getHeader(headers, 'access-control-allow-headers')) ?? []).includes('*');

function authorizationWarning(browser: BrowserProfile): Cause {
  const verdict = browser === 'chrome' ? 'Chrome still lets it through (deprecated: AuthorizationCoveredByWildcard) but Firefox and the standard block it' : 'so the request is blocked, as in Firefox; Chrome still lets it through for now';
  return {
    code: 'authorization-wildcard',
    severity: 'warning',
    message: `The Authorization header relies on 'Access-Control-Allow-Headers: *', which does not cover it: ${verdict}. List 'authorization' explicitly.`,
  };
}

/** Runs one request against the server model and returns the browser's verdict. */
export function simulateFetch(request: SimRequest, server: ServerModel, options: SimOptions = {}): SimResult {
  const browser = options.browser ?? 'chrome';
  let method = normalizeMethod(request.method);
  let headers = authorHeaders(request.headers, browser);
  const withCredentials = request.credentials === 'include';
  const result: SimResult = {
    blocked: false, stage: null, preflightSent: false, preflightReasons: { method: null, headers: [] },
    accessControlRequestHeaders: null, requestOrigin: request.origin, corsError: null, failedParameter: null,
    responseType: null, readableHeaders: [], causes: [], url: request.url, status: null,
  };
  const state: State = { result, request, url: request.url, api: request.url, origin: request.origin };
  let tainting: 'basic' | 'cors' | 'opaque' = 'basic';
  const redirectMode = request.redirect ?? 'follow';
  // The Request constructor throws a TypeError before anything is fetched (Fetch "new Request" step 30).
  if (request.mode === 'no-cors' && !isSafelistedMethod(method)) {
    return block(state, 'request', null, 'network-error', null, `a TypeError ('${method}' is unsupported in no-cors mode)`);
  }

  for (let hop = 0; ; hop++) {
    const target = parseUrl(state.url);
    state.api = target?.origin ?? state.url;
    if (target === null) return block(state, hop === 0 ? 'request' : 'redirect', null, 'network-error', null, 'an invalid URL');
    const stage: Stage = hop === 0 ? 'request' : 'redirect';
    if (!(tainting === 'basic' && isSameOrigin(request.origin, target.origin))) {
      const modeFailure = checkRequestMode({ mode: request.mode, redirect: redirectMode, scheme: target.scheme });
      if (modeFailure !== null && hop === 0 && modeFailure.corsError !== 'CorsDisabledScheme') {
        // Blink's fetch() rejects these with a TypeError before the network service sees the request, so Chrome
        // reports no CorsError (measured on Chromium 156, docs/engine.md "Chrome vs the standard").
        return block(state, 'request', null, 'network-error', null, `a TypeError (Chrome refuses it before sending: ${modeFailure.corsError})`);
      }
      if (modeFailure !== null) return block(state, stage, modeFailure, modeFailure.corsError, null);
      if (tainting === 'basic') tainting = request.mode === 'no-cors' ? 'opaque' : 'cors';
    }
    const answer = answerFor(server, state.url);
    // No answer at all: the server is unreachable (connection refused), before any preflight or CORS check.
    if (answer === undefined) return block(state, hop === 0 ? 'request' : 'redirect', null, 'network-error', null, 'no response');
    if (tainting === 'cors') {
      const unsafe = corsUnsafeHeaderNames(headers);
      if (!isSafelistedMethod(method) || unsafe.length > 0) {
        result.preflightSent = true;
        if (result.accessControlRequestHeaders === null && unsafe.length > 0) result.accessControlRequestHeaders = unsafe.join(',');
        if (result.preflightReasons.method === null && result.preflightReasons.headers.length === 0) {
          result.preflightReasons = { method: isSafelistedMethod(method) ? null : method, headers: unsafe };
        }
        const preflight = answer.preflight ?? NO_PREFLIGHT_ROUTE;
        const outcome = checkPreflight(preflight, state.origin, method, unsafe, withCredentials, options);
        if (outcome.authorizationByWildcard) result.causes.push(authorizationWarning(browser));
        else if (outcome.failure?.failedParameter === 'authorization' && !withCredentials && allowHeadersWildcard(preflight.headers)) {
          result.causes.push(authorizationWarning(browser));
        }
        if (outcome.failure !== null) return block(state, 'preflight', outcome.failure, outcome.failure.corsError, preflight.status);
      }
    }
    // Status 0 stands for "no response" (connection failed, or a request that was never sent).
    if (answer.response.status === 0) return block(state, 'actual', null, 'network-error', null, 'no response');
    const response = answer.response;
    const isCors = tainting === 'cors';
    if (isCors) {
      const failure = checkAccess(response.headers, state.origin, withCredentials, false);
      if (failure !== null) return block(state, isRedirect(response) ? 'redirect' : 'actual', failure, failure.corsError, response.status);
    }
    if (!isRedirect(response) || redirectMode === 'manual') {
      result.blocked = false;
      result.stage = null;
      result.requestOrigin = state.origin;
      result.url = state.url;
      result.status = response.status;
      result.responseType = tainting;
      result.readableHeaders = readableHeaders(response.headers, tainting, withCredentials);
      result.causes.unshift(cause(state, tainting === 'opaque' ? 'opaque-response' : 'allowed', '', response.status, 'info'));
      return result;
    }
    if (redirectMode === 'error') return block(state, 'redirect', null, 'network-error', response.status, "a redirect while redirect mode is 'error'");
    if (hop >= MAX_REDIRECTS) return block(state, 'redirect', null, 'network-error', response.status, 'net::ERR_TOO_MANY_REDIRECTS');
    const href = resolveUrl(getHeader(response.headers, 'location') ?? '', state.url);
    const location = href === null ? null : parseUrl(href);
    if (href === null || location === null) return block(state, 'redirect', null, 'network-error', response.status, 'net::ERR_INVALID_REDIRECT');
    if (UNSAFE_REDIRECT_SCHEMES.has(location.scheme)) return block(state, 'redirect', null, 'network-error', response.status, 'net::ERR_UNSAFE_REDIRECT');
    const locationFailure = checkRedirectLocation(location, request.origin, state.origin === 'null', isCors);
    if (locationFailure !== null) return block(state, 'redirect', locationFailure, locationFailure.corsError, response.status);
    if (taintsOrigin(request.origin, target.origin, location.origin) && tainting !== 'basic') {
      if (state.origin !== 'null') result.causes.push({ code: 'tainted-origin', severity: 'info', message: `The redirect from ${target.origin} to ${location.origin} set the request's Origin to null` });
      state.origin = 'null';
    }
    // Fetch "HTTP-redirect fetch" step 12: 301/302 turn POST into GET, 303 turns anything but GET/HEAD into GET.
    if (((response.status === 301 || response.status === 302) && method === 'POST') || (response.status === 303 && method !== 'GET' && method !== 'HEAD')) {
      method = 'GET';
      headers = headers.filter(([n]) => !BODY_HEADERS.has(n));
    }
    // Step 13 (whatwg/fetch#1544): a cross-origin redirect drops Authorization.
    if (!isSameOrigin(target.origin, location.origin)) headers = headers.filter(([n]) => n !== 'authorization');
    state.url = href;
  }
}
