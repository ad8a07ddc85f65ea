// What diagnose says beyond Chrome's CorsError: the triage that matters more (a login redirect, the real status,
// an OPTIONS route that does not exist) and the hints, each from its rule in rules/.
import { credentialsNote } from './credentials-basis.ts';
import { getHeader, headerEntries } from './headers.ts';
import { requestFromObserved } from './observed-model.ts';
import { isPreflightNeeded } from './preflight.ts';
import type { Replay } from './replay.ts';
import { duplicateAcaoHints } from './rules/duplicate-acao.ts';
import { headerNotExposedHints } from './rules/header-not-exposed.ts';
import { missingVaryOriginHints } from './rules/missing-vary-origin.ts';
import { originLookalikeHints } from './rules/origin-lookalike.ts';
import { preflightCachedHints } from './rules/preflight-cached.ts';
import { isPreflightNotHandled, preflightTriage } from './rules/preflight-not-handled.ts';
import { loginRedirectTarget, loginTriage } from './rules/redirect-to-login.ts';
import { isServerErrorWithoutCors, serverErrorTriage } from './rules/server-error-without-cors.ts';
import type {
  Cause,
  CauseCode,
  CorsError,
  HeaderMap,
  Observed,
  ObservedHop,
  SimOptions,
  SimResult,
} from './types.ts';
import { parseUrl } from './url.ts';

export function refine(
  o: Observed,
  sim: SimResult,
  corsError: CorsError,
): { code: CauseCode; triage: string | null; value: string | null } {
  const redirects = sim.stage === 'preflight' && o.preflight !== undefined ? [o.preflight] : o.hops;
  for (const hop of redirects) {
    const login = loginRedirectTarget(hop.status, hop.responseHeaders);
    if (login !== null) return { code: 'redirect-to-login', triage: loginTriage(login), value: login };
  }
  if (isServerErrorWithoutCors(corsError, sim.status) && sim.status !== null)
    return { code: 'server-error-without-cors', triage: serverErrorTriage(sim.status), value: null };
  if (isPreflightNotHandled(corsError, sim.status) && sim.status !== null)
    return { code: 'preflight-not-handled', triage: preflightTriage(sim.status), value: null };
  return { code: corsError, triage: null, value: null };
}

export function hintsFor(
  o: Observed,
  r: Replay,
  decided: CauseCode,
  hop: ObservedHop | undefined,
  options: SimOptions,
): Cause[] {
  const sim = r.sim;
  const headers: HeaderMap = hop?.responseHeaders ?? {};
  const hints: Cause[] = sim.causes.filter(
    (c) => c.code !== decided && c.severity !== 'error' && c.code !== 'allowed',
  );
  if (sim.blocked)
    hints.push(
      ...originLookalikeHints(getHeader(headers, 'access-control-allow-origin'), sim.requestOrigin),
      ...duplicateAcaoHints(headers),
    );
  const final = o.hops[o.hops.length - 1];
  if (!sim.blocked && final !== undefined && sim.responseType === 'cors')
    hints.push(...missingVaryOriginHints(final.responseHeaders));
  if (
    sim.blocked &&
    decided !== 'server-error-without-cors' &&
    sim.status !== null &&
    sim.status >= 400 &&
    sim.stage !== 'preflight'
  ) {
    hints.push({
      code: 'masked-status',
      severity: 'warning',
      message: `Behind the CORS error the server answered ${sim.status}`,
    });
  }
  const request = requestFromObserved(o, r.credentials);
  hints.push(
    ...preflightCachedHints(
      isPreflightNeeded(request, options) && (parseUrl(o.url)?.origin ?? '') !== o.pageOrigin,
      o.preflight !== undefined,
      o.hops.length > 0,
    ),
  );
  if (!sim.blocked && final !== undefined)
    hints.push(
      ...headerNotExposedHints(
        o.readHeaders,
        sim.readableHeaders,
        headerEntries(final.responseHeaders).map(([n]) => n),
      ),
    );
  if (o.mode === 'no-cors' && decided !== 'opaque-response')
    hints.push({
      code: 'no-cors-opaque',
      severity: 'info',
      message: "mode 'no-cors' gives an opaque response: status 0, no headers, no body for script",
    });
  if (r.basis !== null)
    hints.push({
      code: 'credentials-inferred',
      severity: 'info',
      message: credentialsNote(r.basis, r.credentials),
    });
  return hints;
}
