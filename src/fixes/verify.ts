// "A generator cannot hand out a fix that does not fix": the engine replays, against exactly the headers the fix
// says the server will send, every request consistent with what was observed — with and without credentials when
// the fix allows them (the mode may have been assumed), and every method and header of the route it claims to
// cover — through to the actual response, which must let the page read the headers it reads.
import { simulateFetch } from '../engine/index.ts';
import type { CredentialsMode, HeaderMap, SimRequest, SimResult } from '../engine/types.ts';
import type { Fix, FixInput } from './types.ts';

export interface FixVerification {
  ok: boolean;
  /** The engine's verdict for the failing request against the fixed server (or the first variant that failed). */
  result: SimResult;
  /** Why it still fails, in the engine's words, or null. */
  reason: string | null;
}

/** A value for each header name the page sent; only the names matter to CORS. */
function requestHeaders(names: readonly string[]): HeaderMap {
  return Object.fromEntries(names.map((n) => [n, n === 'content-type' ? 'application/json' : 'x']));
}

export function simRequestOf(input: FixInput): SimRequest {
  const r = input.request;
  return {
    origin: r.origin,
    url: r.url,
    method: r.method,
    headers: requestHeaders(r.requestHeaders),
    credentials: r.credentials ? 'include' : 'same-origin',
    mode: 'cors',
  };
}

/** The failing request first, then the route's other methods and headers, each in every credentials mode. */
export function variantsOf(input: FixInput): SimRequest[] {
  const base = simRequestOf(input);
  const route = input.request.route;
  const shapes: Pick<SimRequest, 'method' | 'headers'>[] = [
    { method: base.method, headers: base.headers },
    ...(route
      ? [
          {
            method: base.method,
            headers: requestHeaders([...input.request.requestHeaders, ...route.headers]),
          },
          ...route.methods.map((method) => ({ method, headers: requestHeaders(route.headers) })),
        ]
      : []),
  ];
  const modes: CredentialsMode[] = input.request.credentials ? ['include', 'same-origin'] : ['same-origin'];
  return shapes.flatMap((s) => modes.map((credentials) => ({ ...base, ...s, credentials })));
}

export function verifyFix(fix: Fix, input: FixInput): FixVerification {
  // An error whose headers were lost keeps its status after the fix: the fix must hold on that status too.
  const status =
    input.diagnosis.code === 'server-error-without-cors' && input.diagnosis.realStatus !== null
      ? input.diagnosis.realStatus
      : 200;
  // The app itself sends the headers the page reads; the fix only has to expose them.
  const appHeaders = Object.fromEntries(input.request.exposeHeaders.map((h) => [h, 'x']));
  const answer = {
    ...(fix.expected.preflight ? { preflight: { status: 204, headers: fix.expected.preflight } } : {}),
    response: { status, headers: { ...appHeaders, ...fix.expected.response } },
  };
  const variants = variantsOf(input);
  let first: SimResult | null = null;
  for (const [i, request] of variants.entries()) {
    const result = simulateFetch(request, () => answer);
    first ??= result;
    const which = i === 0 ? '' : ` (${request.method}, credentials ${request.credentials})`;
    if (result.blocked)
      return {
        ok: false,
        result,
        reason: (result.causes[0]?.message ?? result.corsError ?? 'blocked') + which,
      };
    const missing = input.request.exposeHeaders.filter((h) => !result.readableHeaders.includes(h));
    if (missing.length > 0)
      return { ok: false, result, reason: `script still cannot read ${missing.join(', ')}${which}` };
  }
  return { ok: true, result: first ?? simulateFetch(simRequestOf(input), () => answer), reason: null };
}
