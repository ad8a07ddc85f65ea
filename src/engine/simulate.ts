// simulateFetch: what a browser does with one request against a model of the servers, hop by hop (Fetch "main
// fetch" / "HTTP fetch" / "HTTP-redirect fetch"), reporting the first failure the way Chromium names it.
import { checkAccess } from './cors-check.ts';
import { isRedirect } from './rules/preflight-redirect.ts';
import { checkRequestMode } from './rules/request-mode.ts';
import { authorHeaders, isForbiddenMethod, isSafelistedMethod, normalizeMethod } from './safelist.ts';
import { preflight } from './sim-preflight.ts';
import { followRedirect, refuseLocation } from './sim-redirect.ts';
import { allow, answerFor, block, fail, newState, type SimRun } from './sim-state.ts';
import { chromeFacts } from './chrome-versions.ts';
import { factsOf } from './browsers.ts';
import { addressSpaceOfHost, checkLocalNetwork } from './rules/local-network.ts';
import type {
  LocalNetworkContext,
  ServerAnswer,
  ServerModel,
  SimOptions,
  SimRequest,
  SimResult,
  Stage,
} from './types.ts';
import { isSameOrigin, parseUrl, type ParsedUrl } from './url.ts';

/** Runs one request against the server model and returns the browser's verdict. */
export function simulateFetch(request: SimRequest, server: ServerModel, options: SimOptions = {}): SimResult {
  const run: SimRun = {
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
    if (redirects && (run.options.browser ?? 'chrome') === 'chrome') {
      const refused = refuseLocation(run, response);
      if (refused !== null) return refused;
    }
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
  run: SimRun,
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
function enterOrigin(run: SimRun, target: ParsedUrl, hop: number): SimResult | null {
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
