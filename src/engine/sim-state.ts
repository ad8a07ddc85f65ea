// The mutable state of one simulateFetch run and the ways it ends: blocked (with Chrome's CorsError, or a
// non-CORS network error) or allowed. Kept apart from the hop loop in simulate.ts.
import { factsOf } from './browsers.ts';
import { headlineFor } from './causes.ts';
import { getHeader, parseTokenList } from './headers.ts';
import { readableHeaders } from './rules/expose-headers.ts';
import type {
  BrowserProfile,
  Cause,
  CauseCode,
  CheckFailure,
  HeaderMap,
  ServerAnswer,
  ServerModel,
  SimRequest,
  SimResult,
  Stage,
  SimResponse,
  SimOptions,
} from './types.ts';

export type Tainting = 'basic' | 'cors' | 'opaque';

/** One simulateFetch run: its state, options, and the method and headers as redirects rewrite them. */
export interface SimRun {
  s: SimState;
  options: SimOptions;
  method: string;
  headers: [string, string][];
  withCredentials: boolean;
}

export interface SimState {
  result: SimResult;
  request: SimRequest;
  url: string;
  /** The origin of `url`, for messages. */
  api: string;
  /** The Origin the next request carries ('null' once tainted). */
  origin: string;
  tainting: Tainting;
}

export function newState(request: SimRequest): SimState {
  const result: SimResult = {
    blocked: false,
    stage: null,
    preflightSent: false,
    preflightReasons: { method: null, headers: [] },
    accessControlRequestHeaders: null,
    requestOrigin: request.origin,
    corsError: null,
    failedParameter: null,
    responseType: null,
    readableHeaders: [],
    causes: [],
    url: request.url,
    status: null,
  };
  return { result, request, url: request.url, api: request.url, origin: request.origin, tainting: 'basic' };
}

export const answerFor = (server: ServerModel, url: string): ServerAnswer | undefined =>
  typeof server === 'function' ? server(url) : Object.hasOwn(server, url) ? server[url] : undefined;

function cause(
  s: SimState,
  code: CauseCode,
  value: string,
  status: number | null,
  severity: Cause['severity'],
): Cause {
  const message = headlineFor(code, { api: s.api, origin: s.origin, value, status, url: s.url });
  return { code, severity, message };
}

/** Ends the run blocked by a CORS check. */
export function block(s: SimState, stage: Stage, failure: CheckFailure, status: number | null): SimResult {
  s.result.corsError = failure.corsError;
  s.result.failedParameter = failure.failedParameter;
  return end(s, stage, failure.corsError, failure.failedParameter, status);
}

/** Ends the run with a network error that is not CORS (Chrome reports no CorsError); `why` says what happened. */
export const fail = (s: SimState, stage: Stage, why: string, status: number | null = null): SimResult =>
  end(s, stage, 'network-error', why, status);

function end(s: SimState, stage: Stage, code: CauseCode, value: string, status: number | null): SimResult {
  const r = s.result;
  r.blocked = true;
  r.stage = stage;
  r.requestOrigin = s.origin;
  r.url = s.url;
  r.status = status;
  r.causes.unshift(cause(s, code, value, status, 'error'));
  return r;
}

/** Ends the run allowed: the response script gets, and what it can read of it. */
export function allow(s: SimState, response: SimResponse, withCredentials: boolean): SimResult {
  const r = s.result;
  r.requestOrigin = s.origin;
  r.url = s.url;
  r.status = response.status;
  r.responseType = s.tainting;
  r.readableHeaders = readableHeaders(response.headers, s.tainting, withCredentials);
  r.causes.unshift(
    cause(s, s.tainting === 'opaque' ? 'opaque-response' : 'allowed', '', response.status, 'info'),
  );
  return r;
}

const allowHeadersWildcard = (headers: HeaderMap): boolean =>
  (parseTokenList(getHeader(headers, 'access-control-allow-headers')) ?? []).includes('*');

/** The warning for an Authorization header that relies on ACAH `*`, raised in both profiles. */
export function authorizationWarning(
  browser: BrowserProfile,
  preflightHeaders: HeaderMap,
  wasAllowed: boolean,
  failedOnIt: boolean,
  withCredentials: boolean,
): Cause | null {
  if (!wasAllowed && !(failedOnIt && !withCredentials && allowHeadersWildcard(preflightHeaders))) return null;
  // Measured: Chrome and Firefox 153 ESR both still let it through, each with a console warning (docs/firefox.md).
  const verdict = factsOf(browser).authorizationByWildcard
    ? 'Chrome (deprecated: AuthorizationCoveredByWildcard) and Firefox still let it through, with a warning, but the standard blocks it'
    : 'so the standard blocks it; Chrome and Firefox still let it through for now';
  return {
    code: 'authorization-wildcard',
    severity: 'warning',
    message: `The Authorization header relies on 'Access-Control-Allow-Headers: *', which does not cover it: ${verdict}. List 'authorization' explicitly.`,
  };
}
