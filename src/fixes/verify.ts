// "A generator cannot hand out a fix that does not fix": the engine replays the failing request against exactly
// the headers the fix says the server will send, and a hostile origin against the same configuration.
import { simulateFetch } from '../engine/index.ts';
import type { HeaderMap, SimRequest, SimResult } from '../engine/types.ts';
import type { Fix, FixInput } from './types.ts';

export interface FixVerification {
  ok: boolean;
  /** The engine's verdict for the failing request against the fixed server. */
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
  const result = simulateFetch(simRequestOf(input), () => answer);
  const missingExpose = input.request.exposeHeaders.filter((h) => !result.readableHeaders.includes(h));
  if (result.blocked)
    return { ok: false, result, reason: result.causes[0]?.message ?? result.corsError ?? 'blocked' };
  if (missingExpose.length > 0)
    return { ok: false, result, reason: `script still cannot read ${missingExpose.join(', ')}` };
  return { ok: true, result, reason: null };
}
