// The audit's two kinds of request. The allowed origin gets the full browser exchange (`check`'s runCheck: preflight
// when a browser sends one, then the request). A hostile origin gets only what decides whether the server trusts
// it: the preflight alone when one is needed (the unsafe request itself is never sent from a hostile origin), else
// the simple request. Both are judged by the engine's simulateFetch, never by string matching alone.
import {
  accessControlRequestHeaders,
  diagnose,
  getHeader,
  isPreflightNeeded,
  simulateFetch,
} from '../../engine/index.ts';
import type { Diagnosis, HeaderMap, SimRequest } from '../../engine/types.ts';
import { runCheck, type CheckOutcome } from '../check.ts';
import { runExchange, type Exchange } from '../exchange.ts';
import { headerMapOf, sendOnce, USER_AGENT, type ProbedHop } from '../http-probe.ts';
import type { Route } from './routes.ts';

export interface AllowedProbe {
  outcome: CheckOutcome;
  /** The diagnosis with the headers the page reads taken into account (header-not-exposed hints). */
  diagnosis: Diagnosis;
}

export async function probeAllowed(
  base: string,
  route: Route,
  origin: string,
  timeoutMs: number,
  path = route.path,
): Promise<AllowedProbe> {
  const outcome = await runCheck({
    url: new URL(path, base).href,
    origin,
    method: route.method,
    headers: route.headers,
    credentials: route.credentials,
    backend: null,
    timeoutMs,
  });
  const diagnosis = diagnose({ ...outcome.observed, readHeaders: route.expose });
  return { outcome, diagnosis };
}

export interface HostileProbe {
  origin: string;
  /** The answer that decides trust: the preflight's when one is needed, else the response's. */
  answer: ProbedHop | null;
  /** The server let this origin in: 'credentials' (cookies too), 'plain', or null (refused, or only `*`). */
  trusted: 'credentials' | 'plain' | null;
}

const NOT_SENT = { status: 200, headers: {} };
const acaoOf = (h: ProbedHop | null): string | null =>
  h === null ? null : getHeader(h.responseHeaders, 'access-control-allow-origin');

/** Whether the engine lets `origin` through on these answers, with the given credentials mode. */
function passes(req: SimRequest, ex: Exchange, preflighted: boolean): boolean {
  const pf = ex.preflights.at(-1);
  const hop = ex.hops.at(-1);
  const r = simulateFetch(req, () => ({
    ...(pf ? { preflight: { status: pf.status, headers: pf.responseHeaders } } : {}),
    response: hop ? { status: hop.status, headers: hop.responseHeaders } : NOT_SENT,
  }));
  return preflighted ? !(r.blocked && r.stage === 'preflight') : !r.blocked;
}

export async function probeHostile(
  base: string,
  route: Route,
  origin: string,
  timeoutMs: number,
): Promise<HostileProbe> {
  const url = new URL(route.path, base).href;
  const headers: HeaderMap = headerMapOf(route.headers.flatMap(([n, v]) => [n, v]));
  const preflighted = isPreflightNeeded({ method: route.method, headers, mode: 'cors' });
  const ex = await runExchange(
    { origin, url, method: route.method, headers: route.headers, timeoutMs },
    {
      preflightFor: (hop) =>
        hop.url === url && preflighted ? { requestHeaders: accessControlRequestHeaders(headers) } : null,
      // Never let a hostile origin's unsafe request reach the server: stop after its preflight.
      preflightBlocks: () => true,
    },
  );
  const answer = preflighted ? (ex.preflights.at(-1) ?? null) : (ex.hops.at(-1) ?? null);
  const req = (credentials: SimRequest['credentials']): SimRequest => ({
    origin,
    url,
    method: route.method,
    headers,
    credentials,
    mode: 'cors',
  });
  // Only an exact echo counts as trust: `*` is a public API's choice and has checks of its own.
  const echoed = acaoOf(answer) === origin;
  const trusted = !echoed
    ? null
    : passes(req('include'), ex, preflighted)
      ? 'credentials'
      : passes(req('omit'), ex, preflighted)
        ? 'plain'
        : null;
  return { origin, answer, trusted };
}

/** A Private Network Access preflight from `origin`: the answer's headers, or null when the server did not answer. */
export async function probePrivateNetwork(
  base: string,
  route: Route,
  origin: string,
  timeoutMs: number,
): Promise<HeaderMap | null> {
  try {
    const hop = await sendOnce({
      url: new URL(route.path, base).href,
      method: 'OPTIONS',
      headers: [
        ['Origin', origin],
        ['Access-Control-Request-Method', route.method],
        ['Access-Control-Request-Private-Network', 'true'],
        ['Accept', '*/*'],
        ['User-Agent', USER_AGENT],
      ],
      timeoutMs,
    });
    return hop.responseHeaders;
  } catch {
    return null;
  }
}
