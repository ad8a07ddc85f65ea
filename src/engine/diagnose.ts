// diagnose: the CORS rules applied to what the extension saw. Replays the observed exchange through simulateFetch,
// then says what matters to a developer first (the real status, a login redirect, a non-CORS network error).
import { CAUSES, headlineFor } from './causes.ts';
import { consoleMessage } from './console.ts';
import { firefoxLinesOf } from './firefox-console.ts';
import { parseCorsError } from './cors-error-names.ts';
import { hintsFor, refine } from './diagnose-hints.ts';
import { getHeader } from './headers.ts';
import { offendingHeaders } from './offending.ts';
import { failingHop, replay, unexplainedFailure } from './replay.ts';
import {
  isLocalNetworkBlock,
  localNetworkExplanation,
  localNetworkHint,
} from './rules/local-network-access.ts';
import { classifyNetError } from './rules/not-cors.ts';
import { addressSpaceOfHost } from './rules/local-network.ts';
import type { Cause, CauseCode, Diagnosis, Observed, SimOptions, SimResult } from './types.ts';
import { parseUrl } from './url.ts';

/** Explains one observed cross-origin exchange. */
export function diagnose(o: Observed, options: SimOptions = {}): Diagnosis {
  const r = replay(o, options);
  const sim = r.sim;
  const chromeSaid = o.chromeVerdict === undefined ? null : parseCorsError(o.chromeVerdict.corsError);
  const api = parseUrl(sim.url)?.origin ?? sim.url;
  const base = {
    credentials: r.credentials,
    ...(r.basis === null ? {} : { credentialsBasis: r.basis }),
    stage: sim.stage,
    references: [] as Diagnosis['references'],
    consoleMessage: null,
  };
  const chromeError = chromeSaid?.corsError ?? null;
  const hop = failingHop(o, sim);
  const status = hop?.status ?? 0;
  const realStatus = status === 0 ? null : status;
  const isLna = isLocalNetworkBlock(o.netError);
  const notCors = isLna ? null : (classifyNetError(o.netError) ?? unexplainedFailure(o, sim, chromeError));
  if (notCors !== null) {
    const code: CauseCode = notCors;
    const value = o.netError ?? 'a network error';
    const hints: Cause[] =
      chromeSaid?.isLocalNetwork === true
        ? [localNetworkHint('Chrome reported a Local Network Access error')]
        : [];
    return {
      ...base,
      // 'response-unseen' too: no CorsError can be named without the response; its headline says what is unknown.
      verdict: 'not-cors',
      code,
      corsError: null,
      failedParameter: null,
      stage: sim.stage,
      realStatus,
      headline: headlineFor(code, { api, origin: o.pageOrigin, value, status: realStatus, url: sim.url }),
      triage: null,
      offending: [],
      references: CAUSES[code].references,
      hints,
      ...(chromeSaid === null ? {} : { confirmedByChrome: chromeSaid.corsError === null }),
    };
  }
  if (o.netError === null) {
    const code: CauseCode = o.mode === 'no-cors' ? 'opaque-response' : 'allowed';
    return {
      ...base,
      verdict: 'allowed',
      code,
      corsError: null,
      failedParameter: null,
      stage: null,
      realStatus,
      headline: headlineFor(code, {
        api,
        origin: sim.requestOrigin,
        value: '',
        status: realStatus,
        url: sim.url,
      }),
      triage: null,
      offending: [],
      references: CAUSES[code].references,
      hints: hintsFor(o, r, code, hop, options),
      ...(chromeSaid === null ? {} : { confirmedByChrome: chromeSaid.corsError === null }),
    };
  }
  // Blocked by CORS: the engine's explanation, or Chrome's own verdict when the engine cannot reproduce it.
  const agrees = chromeError === null || chromeError === sim.corsError;
  // A Local Network Access block that Chrome did not name over CDP: the permission prompt is the likely cause.
  const corsError =
    (agrees ? sim.corsError : chromeError) ??
    (isLna ? 'LocalNetworkAccessPermissionDenied' : 'MissingAllowOriginHeader');
  const failedParameter = agrees ? (sim.failedParameter ?? '') : (o.chromeVerdict?.failedParameter ?? '');
  const refined = refine(o, sim, corsError);
  const requestOrigin = sim.requestOrigin;
  const hints = hintsFor(o, r, refined.code, hop, options);
  if (chromeSaid?.isLocalNetwork === true || isLna)
    hints.push(localNetworkHint(localNetworkExplanation(corsError)));
  return {
    ...base,
    verdict: 'blocked',
    code: refined.code,
    corsError,
    failedParameter,
    realStatus,
    headline: headlineFor(refined.code, {
      api,
      origin: requestOrigin,
      value: refined.value ?? (failedParameter || (getHeader(hop?.responseHeaders ?? {}, 'location') ?? '')),
      status: sim.status,
      url: sim.url,
    }),
    triage: refined.triage,
    offending: offendingHeaders({
      corsError,
      failedParameter,
      origin: requestOrigin,
      method: sim.preflightReasons.method ?? o.method,
      acrh: sim.accessControlRequestHeaders,
      headers: hop?.responseHeaders ?? {},
      status: sim.status,
    }),
    // Without Chrome's verdict the address space of a Local Network Access block is unknown: no console line.
    consoleMessage:
      options.browser === 'firefox'
        ? firefoxLinesOf(o, r.credentials, options).join('\n') || null
        : isLna && chromeError === null
          ? null
          : consoleMessage({
              kind: o.kind ?? 'fetch',
              url: sim.url,
              initialUrl: o.url,
              origin: o.pageOrigin,
              corsError,
              failedParameter,
              ...consoleContext(sim, options),
            }),
    references: CAUSES[refined.code].references,
    hints,
    ...(chromeSaid === null ? {} : { confirmedByChrome: agrees }),
  };
}

/** The version's templates, and the address space a Local Network Access line names (from the URL's host). */
function consoleContext(
  sim: SimResult,
  options: SimOptions,
): { addressSpace?: string; chromeVersion?: number } {
  const host = parseUrl(sim.url)?.host ?? '';
  const space = sim.addressSpace ?? addressSpaceOfHost(host);
  return {
    ...(space === null ? {} : { addressSpace: space }),
    ...(options.chromeVersion === undefined ? {} : { chromeVersion: options.chromeVersion }),
  };
}
