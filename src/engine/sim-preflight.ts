// One hop's CORS-preflight inside simulateFetch: whether it is needed, the preflight cache, what the OPTIONS carries,
// and the verdict on its answer (the checks themselves are in preflight.ts).
import { factsOf } from './browsers.ts';
import { checkPreflight, NO_PREFLIGHT_ROUTE } from './preflight.ts';
import { cacheEntryFor, cacheLookup, cacheStore } from './preflight-cache.ts';
import { corsUnsafeHeaderNames, isSafelistedMethod } from './safelist.ts';
import { authorizationWarning, block, fail, type SimRun } from './sim-state.ts';
import type { ServerAnswer, SimResult } from './types.ts';

/** The CORS-preflight, when this hop needs one; a result only when it fails. */
export function preflight(run: SimRun, answer: ServerAnswer): SimResult | null {
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
