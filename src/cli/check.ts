// `cors-lens check`: asks the server what a browser would ask (preflight only when the engine says one is sent),
// then lets the engine give the browser's verdict on the real answers, and the fix writers the server change.
// The diagnosis comes from the same diagnose() the panel runs on the extension's records, fed the same Observed shape.
import { accessControlRequestHeaders, diagnose, isPreflightNeeded, simulateFetch } from '../engine/index.ts';
import type {
  Diagnosis,
  HeaderMap,
  Observed,
  ObservedHop,
  ServerAnswer,
  SimRequest,
  SimResult,
} from '../engine/types.ts';
import { chooseBackend, validateBackend, type BackendChoice } from './backend.ts';
import { runExchange, type Exchange } from './exchange.ts';
import { headerMapOf, type ProbedHop } from './http-probe.ts';

export interface CheckInput {
  url: string;
  origin: string;
  method: string;
  headers: readonly (readonly [string, string])[];
  credentials: boolean;
  backend: string | null;
  timeoutMs: number;
}

export interface CheckOutcome {
  request: SimRequest;
  exchange: Exchange;
  sim: SimResult;
  observed: Observed;
  diagnosis: Diagnosis;
  backend: BackendChoice;
}

const stripBody = (h: ProbedHop): ObservedHop => ({
  url: h.url,
  method: h.method,
  requestHeaders: h.requestHeaders,
  status: h.status,
  responseHeaders: h.responseHeaders,
});

// Before the actual request is sent, this stands in for its answer so the engine judges the preflight alone.
const NOT_SENT_YET = { status: 200, headers: {} };

/** What the browser would have been told by this server, keyed by URL, for simulateFetch. */
function serverModel(preflights: readonly ProbedHop[], hops: readonly ProbedHop[]) {
  return (url: string): ServerAnswer => {
    const pf = preflights.filter((p) => p.url === url).at(-1);
    const hop = hops.find((h) => h.url === url);
    const answer: ServerAnswer = {
      response: hop ? { status: hop.status, headers: hop.responseHeaders } : NOT_SENT_YET,
    };
    return pf ? { ...answer, preflight: { status: pf.status, headers: pf.responseHeaders } } : answer;
  };
}

const isSecureOrigin = (origin: string): boolean => {
  if (origin === 'null') return false;
  const u = new URL(origin);
  return (
    u.protocol === 'https:' ||
    u.hostname === 'localhost' ||
    u.hostname === '127.0.0.1' ||
    u.hostname === '[::1]'
  );
};

export async function runCheck(input: CheckInput): Promise<CheckOutcome> {
  const chosen = validateBackend(input.backend);
  const headers: HeaderMap = headerMapOf(input.headers.flatMap(([n, v]) => [n, v]));
  const request: SimRequest = {
    origin: input.origin,
    url: input.url,
    method: input.method,
    headers,
    credentials: input.credentials ? 'include' : 'same-origin',
    mode: 'cors',
  };
  const exchange = await runExchange(
    {
      origin: input.origin,
      url: input.url,
      method: input.method,
      headers: input.headers,
      timeoutMs: input.timeoutMs,
    },
    {
      preflightFor: (hop) => {
        const crossOrigin = hop.origin === 'null' || new URL(hop.url).origin !== hop.origin;
        const hopHeaders = hop.method === input.method ? headers : {};
        if (!crossOrigin || !isPreflightNeeded({ method: hop.method, headers: hopHeaders, mode: 'cors' }))
          return null;
        return { requestHeaders: accessControlRequestHeaders(hopHeaders) };
      },
      preflightBlocks: (hop, preflight) => {
        const r = simulateFetch(
          { ...request, url: hop.url, method: hop.method },
          serverModel([preflight], []),
        );
        return r.blocked && r.stage === 'preflight';
      },
    },
  );
  const sim = simulateFetch(request, serverModel(exchange.preflights, exchange.hops));
  const last = exchange.hops.at(-1);
  const preflight = exchange.preflights.at(-1);
  const observed: Observed = {
    pageOrigin: input.origin,
    method: input.method,
    url: input.url,
    credentials: request.credentials,
    mode: 'cors',
    requestHeaders: headers,
    ...(preflight ? { preflight: stripBody(preflight) } : {}),
    hops: exchange.hops.map(stripBody),
    // What webRequest reports for every CORS failure; the engine reads the cause from the headers.
    netError: sim.blocked ? 'net::ERR_FAILED' : null,
    pageSecure: isSecureOrigin(input.origin),
    kind: 'fetch',
  };
  const diagnosis = diagnose(observed);
  const backend = chooseBackend(observed, diagnosis, chosen, {
    ...(preflight ? { preflight: preflight.bodySnippet } : {}),
    ...(last ? { response: last.bodySnippet } : {}),
  });
  return { request, exchange, sim, observed, diagnosis, backend };
}
