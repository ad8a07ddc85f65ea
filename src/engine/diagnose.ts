// diagnose: the CORS rules applied to what the extension saw. Replays the observed exchange through simulateFetch,
// then says what matters to a developer first (the real status, a login redirect, a non-CORS network error).
import { CAUSES, headlineFor } from './causes.ts';
import { consoleMessage } from './console.ts';
import { parseCorsError } from './cors-error-names.ts';
import { getHeader, headerEntries } from './headers.ts';
import { hasCookie, requestFromObserved, serverFromObserved } from './observed-model.ts';
import { offendingHeaders } from './offending.ts';
import { isPreflightNeeded } from './preflight.ts';
import { duplicateAcaoHints } from './rules/duplicate-acao.ts';
import { headerNotExposedHints } from './rules/header-not-exposed.ts';
import { missingVaryOriginHints } from './rules/missing-vary-origin.ts';
import { classifyNetError } from './rules/not-cors.ts';
import { originLookalikeHints } from './rules/origin-lookalike.ts';
import { preflightCachedHints } from './rules/preflight-cached.ts';
import { isPreflightNotHandled, preflightTriage } from './rules/preflight-not-handled.ts';
import { loginRedirectTarget, loginTriage } from './rules/redirect-to-login.ts';
import { isServerErrorWithoutCors, serverErrorTriage } from './rules/server-error-without-cors.ts';
import { simulateFetch } from './simulate.ts';
import type { Cause, CauseCode, CorsError, CredentialsMode, Diagnosis, HeaderMap, Observed, ObservedHop, SimOptions, SimResult } from './types.ts';
import { parseUrl } from './url.ts';

interface Replay {
  sim: SimResult;
  credentials: CredentialsMode;
  inferred: boolean;
}

/** Replays with the known credentials mode, or infers it: a Cookie means include; else the mode that explains the outcome. */
function replay(o: Observed, options: SimOptions): Replay {
  const run = (credentials: CredentialsMode): SimResult => {
    const request = requestFromObserved(o, credentials);
    return simulateFetch(request, serverFromObserved(o, request, options), options);
  };
  if (o.credentials !== undefined && o.credentials !== 'unknown') return { sim: run(o.credentials), credentials: o.credentials, inferred: false };
  if (hasCookie(o)) return { sim: run('include'), credentials: 'include', inferred: true };
  const without = run('same-origin');
  const withCreds = run('include');
  const chrome = o.chromeVerdict === undefined ? undefined : parseCorsError(o.chromeVerdict.corsError)?.corsError;
  const blocked = o.netError !== null;
  // net::ERR_FAILED with evidence of a response is a CORS block: only a mode that ends in a CorsError explains it.
  const explains = (s: SimResult): boolean => (chrome !== undefined ? s.corsError === chrome : blocked ? s.corsError !== null : !s.blocked);
  if (!explains(without) && explains(withCreds)) return { sim: withCreds, credentials: 'include', inferred: true };
  return { sim: without, credentials: 'same-origin', inferred: true };
}

const failingHop = (o: Observed, sim: SimResult): ObservedHop | undefined =>
  sim.stage === 'preflight' ? o.preflight : [...o.hops].reverse().find((h) => h.url === sim.url) ?? o.hops[o.hops.length - 1];

function refine(o: Observed, sim: SimResult, corsError: CorsError): { code: CauseCode; triage: string | null; value: string | null } {
  const redirects = sim.stage === 'preflight' && o.preflight !== undefined ? [o.preflight] : o.hops;
  for (const hop of redirects) {
    const login = loginRedirectTarget(hop.status, hop.responseHeaders);
    if (login !== null) return { code: 'redirect-to-login', triage: loginTriage(login), value: login };
  }
  if (isServerErrorWithoutCors(corsError, sim.status) && sim.status !== null) return { code: 'server-error-without-cors', triage: serverErrorTriage(sim.status), value: null };
  if (isPreflightNotHandled(corsError, sim.status) && sim.status !== null) return { code: 'preflight-not-handled', triage: preflightTriage(sim.status), value: null };
  return { code: corsError, triage: null, value: null };
}

function hintsFor(o: Observed, r: Replay, decided: CauseCode, hop: ObservedHop | undefined, options: SimOptions): Cause[] {
  const sim = r.sim;
  const headers: HeaderMap = hop?.responseHeaders ?? {};
  const hints: Cause[] = sim.causes.filter((c) => c.code !== decided && c.severity !== 'error' && c.code !== 'allowed');
  if (sim.blocked) hints.push(...originLookalikeHints(getHeader(headers, 'access-control-allow-origin'), sim.requestOrigin), ...duplicateAcaoHints(headers));
  const final = o.hops[o.hops.length - 1];
  if (!sim.blocked && final !== undefined && sim.responseType === 'cors') hints.push(...missingVaryOriginHints(final.responseHeaders));
  if (sim.blocked && decided !== 'server-error-without-cors' && sim.status !== null && sim.status >= 400 && sim.stage !== 'preflight') {
    hints.push({ code: 'masked-status', severity: 'warning', message: `Behind the CORS error the server answered ${sim.status}` });
  }
  const request = requestFromObserved(o, r.credentials);
  hints.push(...preflightCachedHints(isPreflightNeeded(request, options) && (parseUrl(o.url)?.origin ?? '') !== o.pageOrigin, o.preflight !== undefined, o.hops.length > 0));
  if (!sim.blocked && final !== undefined) hints.push(...headerNotExposedHints(o.readHeaders, sim.readableHeaders, headerEntries(final.responseHeaders).map(([n]) => n)));
  if (o.mode === 'no-cors' && decided !== 'opaque-response') hints.push({ code: 'no-cors-opaque', severity: 'info', message: "mode 'no-cors' gives an opaque response: status 0, no headers, no body for script" });
  if (r.inferred) hints.push({ code: 'credentials-inferred', severity: 'info', message: `The credentials mode was not observed; '${r.credentials}' is the one that explains what happened` });
  return hints;
}

/**
 * A failure the CORS replay does not explain and Chrome gave no CORS verdict for: not CORS. With nothing seen from
 * an https page to a plain-http URL, it is mixed content (loopback counts as secure, so it is exempt).
 */
function unexplainedFailure(o: Observed, sim: SimResult, chromeError: CorsError | null): CauseCode | null {
  if (o.netError === null || sim.corsError !== null || chromeError !== null) return null;
  const target = parseUrl(o.url);
  const isLoopback = target !== null && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(target.host);
  if (o.pageSecure === true && o.hops.length === 0 && target?.scheme === 'http' && !isLoopback) return 'mixed-content';
  return 'network-error';
}

/** Explains one observed cross-origin exchange. */
export function diagnose(o: Observed, options: SimOptions = {}): Diagnosis {
  const r = replay(o, options);
  const sim = r.sim;
  const chromeSaid = o.chromeVerdict === undefined ? null : parseCorsError(o.chromeVerdict.corsError);
  const api = parseUrl(sim.url)?.origin ?? sim.url;
  const base = { credentials: r.credentials, stage: sim.stage, references: [] as Diagnosis['references'], consoleMessage: null };
  const chromeError = chromeSaid?.corsError ?? null;
  const hop = failingHop(o, sim);
  const status = hop?.status ?? 0;
  const realStatus = status === 0 ? null : status;
  const notCors = classifyNetError(o.netError) ?? unexplainedFailure(o, sim, chromeError);
  if (notCors !== null) {
    const code: CauseCode = notCors;
    const value = o.netError ?? 'a network error';
    const hints: Cause[] = chromeSaid?.isLocalNetwork === true ? [{ code: 'local-network-access', severity: 'warning', message: 'Chrome reported a Local Network Access error' }] : [];
    return {
      ...base, verdict: 'not-cors', code, corsError: null, failedParameter: null, stage: sim.stage, realStatus,
      headline: headlineFor(code, { api, origin: o.pageOrigin, value, status: realStatus, url: sim.url }), triage: null,
      offending: [], references: CAUSES[code].references, hints,
      ...(chromeSaid === null ? {} : { confirmedByChrome: chromeSaid.corsError === null }),
    };
  }
  if (o.netError === null) {
    const code: CauseCode = o.mode === 'no-cors' ? 'opaque-response' : 'allowed';
    return {
      ...base, verdict: 'allowed', code, corsError: null, failedParameter: null, stage: null, realStatus,
      headline: headlineFor(code, { api, origin: sim.requestOrigin, value: '', status: realStatus, url: sim.url }), triage: null,
      offending: [], references: CAUSES[code].references, hints: hintsFor(o, r, code, hop, options),
      ...(chromeSaid === null ? {} : { confirmedByChrome: chromeSaid.corsError === null }),
    };
  }
  // Blocked by CORS: the engine's explanation, or Chrome's own verdict when the engine cannot reproduce it.
  const agrees = chromeError === null || chromeError === sim.corsError;
  const corsError = (agrees ? sim.corsError : chromeError) ?? 'MissingAllowOriginHeader';
  const failedParameter = agrees ? (sim.failedParameter ?? '') : (o.chromeVerdict?.failedParameter ?? '');
  const refined = refine(o, sim, corsError);
  const requestOrigin = sim.requestOrigin;
  const hints = hintsFor(o, r, refined.code, hop, options);
  if (chromeSaid?.isLocalNetwork === true) hints.push({ code: 'local-network-access', severity: 'warning', message: 'Chrome blocked a request into a more private network (Local Network Access)' });
  return {
    ...base, verdict: 'blocked', code: refined.code, corsError, failedParameter, realStatus,
    headline: headlineFor(refined.code, { api, origin: requestOrigin, value: refined.value ?? (failedParameter || (getHeader(hop?.responseHeaders ?? {}, 'location') ?? '')), status: sim.status, url: sim.url }),
    triage: refined.triage,
    offending: offendingHeaders({
      corsError, failedParameter, origin: requestOrigin, method: sim.preflightReasons.method ?? o.method,
      acrh: sim.accessControlRequestHeaders, headers: hop?.responseHeaders ?? {}, status: sim.status,
    }),
    consoleMessage: consoleMessage({ kind: o.kind ?? 'fetch', url: sim.url, initialUrl: o.url, origin: o.pageOrigin, corsError, failedParameter }),
    references: CAUSES[refined.code].references,
    hints,
    ...(chromeSaid === null ? {} : { confirmedByChrome: agrees }),
  };
}
