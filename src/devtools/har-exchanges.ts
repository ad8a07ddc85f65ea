// HAR entries → DevtoolsExchange messages. While DevTools is open, its network log is the capture source: it
// already sees every request, with headers, real status, preflights and the initiator stack, at no cost to the
// page's own requests (webRequest would put an extension proxy in front of every request of the browser:
// docs/architecture.md "Capture sources"). DevTools' HAR carries Chrome-specific fields (`_initiator`,
// `_resourceType`, `_error`) that the standard HAR types lack; they are read defensively because they are not a
// stable API (measured on Chromium 156: chromium-observability.md §2.1).
import { LIMITS } from '../shared/limits.ts';
import type { CallSite } from '../shared/model.ts';
import type { DevtoolsExchange, HeaderPair, HarHop } from '../shared/protocol.ts';

interface CallFrame {
  functionName?: string;
  url?: string;
  lineNumber?: number; // 0-based
  columnNumber?: number; // 0-based
}
interface StackTrace {
  callFrames?: CallFrame[];
  parent?: StackTrace;
}
export interface HarEntryLike {
  startedDateTime: string;
  /** Total time in ms, from start to the end (or failure). */
  time?: number;
  request: { method: string; url: string; headers?: HeaderPair[] };
  response: { status: number; headers?: HeaderPair[]; redirectURL?: string; _error?: string | null };
  _resourceType?: string;
  _initiator?: { type?: string; stack?: StackTrace };
}

/** The first frame with a URL, following async parents (`await fetch()` leaves the sync part empty). */
export function callSiteOf(stack: StackTrace | undefined): CallSite | null {
  for (let s = stack, depth = 0; s && depth < 20; s = s.parent, depth++) {
    const f = s.callFrames?.find((c) => c.url);
    if (f?.url)
      return {
        url: f.url,
        line: (f.lineNumber ?? 0) + 1,
        column: (f.columnNumber ?? 0) + 1,
        functionName: f.functionName ?? '',
      };
  }
  return null;
}

const capped = (h: HeaderPair[] | undefined): HeaderPair[] =>
  (h ?? [])
    .slice(0, LIMITS.headersPerMessage)
    .map(({ name, value }) => ({ name, value: value.slice(0, LIMITS.headerValueChars) }));

const header = (h: HeaderPair[], name: string): string | undefined =>
  h.find((x) => x.name.toLowerCase() === name)?.value;

function urlOrigin(url: string | undefined, base?: string): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

const resolve = (url: string, base: string): string => {
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
};

const sameOrigin = (origin: string, url: string): boolean =>
  url.startsWith(origin) && (url.length === origin.length || url.charCodeAt(origin.length) === 47); /* / */

/** A preflight just seen: a request that never got a response shows only provisional headers in HAR, without
 * Origin (measured), and its preflight is reported first. */
interface SeenPreflight {
  url: string;
  method: string;
  origin: string;
  at: number;
}

interface Chain {
  id: string;
  /** Where the last hop redirected to: the next entry with this URL continues the chain. */
  next: string;
  at: number;
  startedAt: number;
  origin: string | undefined;
  callSite: CallSite | null;
  hops: HarHop[];
}

/** One per devtools page: `session` makes ids unique across DevTools sessions, the counter within one. A redirect
 * is reported hop by hop (each hop finishes as its own entry, 3xx first), so hops wait here until the chain ends.
 * `pageOrigin` is the inspected page's origin, the last resort when an entry names none. */
export function createHarAssembler(
  tabId: number,
  session: string,
  pageOrigin: () => string | undefined = () => undefined,
) {
  let n = 0;
  let chains: Chain[] = [];
  let preflights: SeenPreflight[] = [];

  /** Origin header; else the preflight's, the Referer's origin (default policy keeps it), or the page's. */
  const originFor = (e: HarEntryLike, headers: HeaderPair[]): string | undefined => {
    const own = header(headers, 'origin');
    if (own) return own === 'null' ? undefined : own;
    const pf = preflights.find((p) => p.url === e.request.url && p.method === e.request.method);
    return pf?.origin ?? urlOrigin(header(headers, 'referer')) ?? pageOrigin();
  };

  return (e: HarEntryLike): DevtoolsExchange | null => {
    const kind = e._resourceType;
    if (kind !== 'fetch' && kind !== 'xhr' && kind !== 'preflight') return null;
    const startedAt = Date.parse(e.startedDateTime);
    if (Number.isNaN(startedAt)) return null;
    const url = e.request.url.slice(0, LIMITS.urlChars);
    const requestHeaders = capped(e.request.headers);
    const { status } = e.response;
    const hop: HarHop = {
      url,
      method: e.request.method,
      requestHeaders,
      status,
      responseHeaders: capped(e.response.headers),
    };
    const error = e.response._error ?? null;
    chains = chains.filter((c) => startedAt - c.at <= LIMITS.redirectChainWindowMs);
    preflights = preflights.filter((p) => Math.abs(startedAt - p.at) <= LIMITS.preflightLinkWindowMs);
    const i = kind === 'preflight' ? -1 : chains.findIndex((c) => c.next === e.request.url);
    const chain = i >= 0 ? (chains.splice(i, 1)[0] as Chain) : null;
    const hops = [...(chain?.hops ?? []), ...(status > 0 ? [hop] : [])];
    const origin = chain?.origin ?? originFor(e, requestHeaders);
    const acrm = header(requestHeaders, 'access-control-request-method');
    if (kind === 'preflight' && origin && acrm) {
      preflights.push({ url: e.request.url, method: acrm, origin, at: startedAt });
      if (preflights.length > LIMITS.pendingPreflightsPerTab) preflights.shift();
    }
    const id = chain?.id ?? `${session}:${String(++n)}`;
    const callSite = chain?.callSite ?? callSiteOf(e._initiator?.stack);
    const redirect = e.response.redirectURL;
    if (kind !== 'preflight' && !error && status >= 300 && status < 400 && redirect) {
      chains.push({
        id,
        next: resolve(redirect, e.request.url),
        at: startedAt,
        startedAt: chain?.startedAt ?? startedAt,
        origin,
        callSite,
        hops,
      });
      if (chains.length > LIMITS.redirectChainsPending) chains.shift();
      return null;
    }
    if (origin === undefined) return null;
    const first = hops[0] ?? hop;
    if (kind !== 'preflight' && [first, hop].every((h) => sameOrigin(origin, h.url))) return null;
    return {
      type: 'exchange',
      tabId,
      id,
      kind,
      pageOrigin: origin,
      startedAt: chain?.startedAt ?? startedAt,
      endedAt: startedAt + Math.max(0, e.time ?? 0),
      request: { url: first.url, method: first.method, headers: first.requestHeaders },
      hops,
      last: { url, method: e.request.method, status },
      // ERR_ABORTED is the page not reading a body it was allowed to read (or leaving), not a failure.
      error: error === 'net::ERR_ABORTED' ? null : error && error.slice(0, 200),
      callSite,
    };
  };
}
