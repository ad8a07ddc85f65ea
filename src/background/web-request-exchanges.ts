// webRequest events → finished exchanges (src/shared/exchange.ts). This assembler owns what only webRequest needs:
// the requests in flight (by requestId, bounded by age and count), their redirect hops in order, the preflights
// (recognised by OPTIONS + Access-Control-Request-Method, linked to their request by content) and settling.
// There is no onCompleted listener (one dispatch less per request: bench/overhead.bench.ts), so a request whose
// final response headers arrived and that sees no error and no further hop for `successSettleMs` is finished and
// allowed; a CORS error follows its response headers within about 1 ms (docs/chromium-behaviour.md#webrequest).
// An error that still comes later (a body cut off) is reported as the same exchange, failed: the tab store's merge
// turns the record into a failure.
import type { HeaderMap } from '../engine/types.ts';
import { isRecorded, kindOf } from '../shared/destination.ts';
import type { CapturedExchange, Hop } from '../shared/exchange.ts';
import { LIMITS } from '../shared/limits.ts';

export interface Base {
  requestId: string;
  tabId: number;
  frameId: number;
  url: string;
  method: string;
  /** webRequest's ResourceType. */
  type: string;
  pageOrigin: string;
  /** Epoch ms (webRequest timeStamp). */
  at: number;
}

export type CaptureEvent =
  | (Base & {
      kind: 'sent';
      headers: HeaderMap;
      /** Access-Control-Request-Method of a preflight, else null. */ preflightFor: string | null;
    })
  | (Base & { kind: 'headers'; status: number; headers: HeaderMap })
  | (Base & { kind: 'failed'; error: string });

interface InFlight {
  x: CapturedExchange;
  /** Request headers of the hop in flight, until its response arrives. */
  hopRequest: HeaderMap | null;
}

interface Preflight {
  tabId: number;
  frameId: number;
  forMethod: string;
  at: number;
  hop: Hop;
  claimed: boolean;
}

/** `now`: the worker's clock (settling starts when the headers reached the worker: events queued during a restart
 * arrive late, their error right behind them). `emit` gets each finished exchange. */
export function createWebRequestAssembler(deps: {
  /** Firefox reports a request's onBeforeSendHeaders before its preflight's (docs/firefox.md#capture-in-firefox):
   * the preflight is then linked when the request's response or error arrives, at each hop. */
  preflightAfterRequest?: boolean;
  now(): number;
  setTimer(cb: () => void, ms: number): void;
  emit(x: CapturedExchange): void;
}) {
  const inFlight = new Map<string, InFlight>();
  const preflights = new Map<string, Preflight>();
  /** Requests whose response headers arrived, with when (in time order). */
  const settling = new Map<string, number>();
  let armed = false;

  /** Links by content, not by id: ids are consecutive only when nothing else is in flight. The oldest unclaimed
   * match in the window wins, so identical concurrent requests pair in order. */
  const claim = (ev: Base): Preflight | null => {
    for (const p of preflights.values()) {
      if (p.claimed || p.tabId !== ev.tabId || p.frameId !== ev.frameId || p.hop.url !== ev.url) continue;
      if (p.forMethod !== ev.method || ev.at - p.at > LIMITS.preflightLinkWindowMs || p.at - ev.at > 50)
        continue;
      p.claimed = true;
      return p;
    }
    return null;
  };

  const start = (ev: CaptureEvent): InFlight => {
    const pf = claim(ev);
    const f: InFlight = {
      x: {
        key: ev.requestId,
        tabId: ev.tabId,
        frameId: ev.frameId,
        kind: (ev.kind === 'sent' ? kindOf(ev.type, ev.headers) : null) ?? null,
        pageOrigin: ev.pageOrigin,
        startedAt: Math.min(ev.at, pf?.at ?? ev.at),
        endedAt: ev.at,
        request: { url: ev.url, method: ev.method, headers: null },
        preflight: pf?.hop ?? null,
        hops: [],
        error: null,
        callSite: null,
      },
      hopRequest: null,
    };
    inFlight.set(ev.requestId, f);
    for (const [id, old] of inFlight) {
      if (ev.at - old.x.startedAt < LIMITS.inFlightMaxAgeMs && inFlight.size <= LIMITS.inFlightMax) break;
      inFlight.delete(id);
      settling.delete(id);
    }
    return f;
  };

  const finish = (id: string, f: InFlight): void => {
    inFlight.delete(id);
    settling.delete(id);
    deps.emit(f.x);
  };

  const sweep = (): void => {
    armed = false;
    const now = deps.now();
    for (const [id, at] of settling) {
      if (now - at < LIMITS.successSettleMs) break;
      const f = inFlight.get(id);
      if (f) finish(id, f);
      else settling.delete(id);
    }
    arm();
  };
  const arm = (): void => {
    const first = settling.values().next();
    if (armed || first.done) return;
    armed = true;
    deps.setTimer(sweep, Math.max(0, first.value + LIMITS.successSettleMs - deps.now()));
  };

  const preflight = (ev: CaptureEvent): boolean => {
    const p = preflights.get(ev.requestId);
    if (ev.kind === 'sent' && ev.preflightFor !== null) {
      const hop = {
        url: ev.url,
        method: 'OPTIONS',
        requestHeaders: ev.headers,
        status: 0,
        responseHeaders: {},
      };
      preflights.set(ev.requestId, {
        tabId: ev.tabId,
        frameId: ev.frameId,
        forMethod: ev.preflightFor,
        at: ev.at,
        hop,
        claimed: false,
      });
      for (const [id, old] of preflights) {
        if (preflights.size <= LIMITS.pendingPreflights && ev.at - old.at <= LIMITS.preflightLinkWindowMs * 2)
          break;
        preflights.delete(id);
      }
      return true;
    }
    if (!p) return false;
    // A redirected preflight gets a status but never a second hop: Chrome refuses to follow it.
    if (ev.kind === 'headers') Object.assign(p.hop, { status: ev.status, responseHeaders: ev.headers });
    return true;
  };

  /** A fetch/XHR/EventSource starts a record at any event (its first may have gone with a stopped worker); a resource
   * load only at its request, and only in CORS mode (shared/destination.ts). */
  const wanted = (ev: CaptureEvent): boolean => {
    const kind = kindOf(ev.type, ev.kind === 'sent' ? ev.headers : {});
    if (kind === undefined) return false;
    return kind === null || (ev.kind === 'sent' && isRecorded(kind, ev.headers));
  };

  return {
    /** One webRequest event; same-origin ones count only for a request already in flight (a redirect chain). */
    apply(ev: CaptureEvent, sameOrigin: boolean): void {
      if (preflight(ev)) return;
      let f = inFlight.get(ev.requestId);
      if (!f) {
        if (sameOrigin || !wanted(ev)) return;
        f = start(ev);
      }
      f.x.endedAt = Math.max(f.x.endedAt, ev.at);
      // Firefox also preflights again at every redirect (docs/firefox.md): the record keeps the latest hop's
      // preflight, the one that decided.
      if (deps.preflightAfterRequest && ev.kind !== 'sent' && f.x.preflight?.url !== ev.url) {
        const pf = claim(ev);
        if (pf) Object.assign(f.x, { preflight: pf.hop, startedAt: Math.min(f.x.startedAt, pf.at) });
      }
      switch (ev.kind) {
        case 'sent':
          f.x.request.headers ??= ev.headers;
          f.hopRequest = ev.headers;
          settling.delete(ev.requestId); // a redirect's next hop: not final yet
          break;
        case 'headers':
          f.x.hops.push({
            url: ev.url,
            method: ev.method,
            requestHeaders: f.hopRequest ?? {},
            status: ev.status,
            responseHeaders: ev.headers,
          });
          f.hopRequest = null;
          settling.delete(ev.requestId); // re-inserted: the map stays in time order
          settling.set(ev.requestId, deps.now());
          arm();
          break;
        case 'failed':
          // A font is first asked of the cache alone (Blink's cache-aware font loading): its miss is no request of
          // the page's, which Chrome makes again at once (docs/destinations.md).
          if (ev.error === 'net::ERR_CACHE_MISS') {
            inFlight.delete(ev.requestId);
            settling.delete(ev.requestId);
            break;
          }
          f.x.error = ev.error;
          finish(ev.requestId, f);
          break;
      }
    },
  };
}

export type WebRequestAssembler = ReturnType<typeof createWebRequestAssembler>;
