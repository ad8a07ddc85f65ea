// HAR entries → finished exchanges (src/shared/exchange.ts). While DevTools is open, its network log is the
// capture source: it already sees every request, with headers, real status, preflights and the initiator stack, at
// no cost to the page's own requests (webRequest would put an extension proxy in front of every request of the
// browser: background/all-tabs.ts). Exchanges leave at once (the devtools page is a hidden page, where Chrome runs
// timers about once a second, so nothing here waits); what DevTools reports out of order or late is sent again,
// more complete, under the same key, and the worker's merge keeps the more complete one (background/tab-store.ts):
// - a redirect is reported hop by hop, each hop as its own entry, usually 3xx first: hops wait for their chain's
//   end; when the end came first (entries are built asynchronously), the 3xx re-sends it with the hop in front;
// - a preflight is its own entry, before or after its request's: whichever comes second links them;
// - a failure (or a preflight) DevTools finished before it attached the response (`amend`).
import { isRecorded, kindOf } from '../shared/destination.ts';
import { LIMITS } from '../shared/limits.ts';
import { isSameOrigin } from '../shared/origin.ts';
import type { CallSite } from '../shared/model.ts';
import type { CapturedExchange, Hop } from '../shared/exchange.ts';
import type { HeaderPair } from '../shared/protocol.ts';
import { callSiteOf, header, hopOf, resolveUrl, startOf, urlOrigin, type HarEntryLike } from './har-entry.ts';

export { callSiteOf, type HarEntryLike } from './har-entry.ts';

export type WireExchange = CapturedExchange<HeaderPair[]>;

/** A preflight just seen: a request that never got a response shows only provisional headers in HAR, without
 * Origin (measured), and its preflight names it. */
interface SeenPreflight {
  url: string;
  forMethod: string;
  origin: string;
  at: number;
  hop: Hop<HeaderPair[]>;
  entry: HarEntryLike;
  claimedBy: string | null;
}

interface Chain {
  key: string;
  /** Where the last hop redirected to: the next entry with this URL continues the chain. */
  next: string;
  startedAt: number;
  origin: string | undefined;
  callSite: CallSite | null;
  hops: Hop<HeaderPair[]>[];
}

/** A preflight belongs to a request of its URL and method that ended after it started, within the link window.
 * (The request's own start comes first, but only by a few ms, and not under load: docs/chromium-behaviour.md#webrequest.) */
const pairs = (p: SeenPreflight, x: WireExchange, r: { url: string; method: string } = x.request): boolean =>
  p.url === r.url &&
  p.forMethod === r.method &&
  x.endedAt - p.at <= LIMITS.preflightLinkWindowMs &&
  p.at - x.endedAt <= 50;

/** The request a redirected exchange ended with: its last response's, or the entry that ended it. */
const lastRequest = (x: WireExchange): { url: string; method: string } =>
  x.hops[x.hops.length - 1] ?? x.request;

/** One per devtools page: `session` makes keys unique across DevTools sessions, the counter within one.
 * `pageOrigin` is the inspected page's origin, the last resort when an entry names none. `preflightsPerHop`: the
 * entries come from a browser that preflights again at every redirect (Firefox, docs/firefox.md); the preflight of
 * the request a chain ended with is then the one that decided, and the one linked (a record holds one preflight). */
export function createHarAssembler(
  tabId: number,
  session: string,
  pageOrigin: () => string | undefined = () => undefined,
  preflightsPerHop: () => boolean = () => false,
) {
  let n = 0;
  let chains: Chain[] = [];
  let preflights: SeenPreflight[] = [];
  /** Exchanges sent lately, for a 3xx or a preflight reported after them, by key, oldest first. */
  const sent = new Map<string, WireExchange>();

  /** Origin header (a tainted `null` names none); else the preflight's, the Referer's (the default referrer policy
   * keeps the origin), or the page's. */
  const originFor = (e: HarEntryLike, headers: HeaderPair[]): string | undefined => {
    const own = header(headers, 'origin');
    if (own && own !== 'null') return own;
    const pf = preflights.find((p) => p.url === e.request.url && p.forMethod === e.request.method);
    return pf?.origin ?? urlOrigin(header(headers, 'referer')) ?? pageOrigin();
  };

  /** Every entry passes here, so the common case (nothing to drop) neither scans nor copies: each list is in about
   * the order its items came, and is cut when its oldest is out of the window or it is over its size (an item out
   * of the window behind a newer one leaves when it is the oldest; the sizes bound them all). */
  const prune = (now: number): void => {
    const stale = (at: number, ms: number): boolean => Math.abs(now - at) > ms;
    const recent = <T>(xs: T[], at: (x: T) => number, ms: number, max: number): T[] => {
      const first = xs[0];
      if (first === undefined || (xs.length <= max && !stale(at(first), ms))) return xs;
      return xs.filter((x) => !stale(at(x), ms)).slice(-max);
    };
    chains = recent(chains, (c) => c.startedAt, LIMITS.redirectChainWindowMs, LIMITS.redirectChainsPending);
    preflights = recent(preflights, (p) => p.at, LIMITS.preflightLinkWindowMs * 2, LIMITS.pendingPreflights);
    for (const [key, x] of sent) {
      if (sent.size <= LIMITS.redirectChainsPending && !stale(x.startedAt, LIMITS.redirectChainWindowMs))
        break;
      sent.delete(key);
    }
  };

  const emit = (x: WireExchange): WireExchange => {
    sent.delete(x.key); // re-sent: now the newest
    sent.set(x.key, x);
    return x;
  };
  const findSent = (match: (x: WireExchange) => boolean): WireExchange | undefined => {
    for (const x of sent.values()) if (match(x)) return x;
    return undefined;
  };

  /** `last`: the request a redirected exchange ended with, when only its own preflight decides (preflightsPerHop;
   * when that preflight is listed later, `preflightSeen` links it). */
  const withPreflight = (x: WireExchange, last?: { url: string; method: string }): WireExchange => {
    const pf = preflights.find((p) => p.claimedBy === null && pairs(p, x, last));
    if (!pf) return x;
    pf.claimedBy = x.key;
    return { ...x, preflight: pf.hop, startedAt: Math.min(x.startedAt, pf.at) };
  };

  /** A preflight reported after its request: that exchange again, with it. */
  const preflightSeen = (pf: SeenPreflight): WireExchange | null => {
    preflights.push(pf);
    // preflightsPerHop: a redirected exchange's preflight is the one of the request it ended with.
    const x = findSent(
      (s) =>
        s.preflight === null &&
        (preflightsPerHop() && s.hops.length > 1 ? pairs(pf, s, lastRequest(s)) : pairs(pf, s)),
    );
    if (!x) return null;
    pf.claimedBy = x.key;
    return emit({ ...x, preflight: pf.hop, startedAt: Math.min(x.startedAt, pf.at) });
  };

  /** A 3xx whose chain's end was already sent: that exchange again, with the earlier hops in front. */
  const prepend = (c: Chain, e: HarEntryLike): WireExchange | null => {
    const end = findSent((x) => x.request.url === c.next && x.startedAt >= c.startedAt);
    if (!end) return null;
    const first = c.hops[0] ?? hopOf(e);
    return emit(
      withPreflight({
        ...end,
        pageOrigin: c.origin ?? end.pageOrigin,
        startedAt: c.startedAt,
        request: { url: first.url, method: first.method, headers: first.requestHeaders },
        hops: [...c.hops, ...end.hops],
        callSite: c.callSite ?? end.callSite,
      }),
    );
  };

  /** `receivedAt`: when DevTools reported the entry, a bound on when it ended when HAR's `time` is missing or
   * short (it counts only the timings DevTools has). */
  const add = (e: HarEntryLike, receivedAt = 0): WireExchange | null => {
    const isPreflight = e._resourceType === 'preflight';
    const hop = hopOf(e);
    // Which requests are CORS requests of the page: shared/destination.ts (a no-cors `<img>` is not).
    const kind = isPreflight ? null : kindOf(e._resourceType, hop.requestHeaders);
    if (!isPreflight && (kind === undefined || !isRecorded(kind, hop.requestHeaders))) return null;
    const startedAt = startOf(e);
    if (Number.isNaN(startedAt)) return null;
    prune(startedAt);
    const { status } = e.response;
    const error = e.response._error ?? null;
    const i = isPreflight ? -1 : chains.findIndex((c) => c.next === e.request.url);
    const chain = i >= 0 ? (chains.splice(i, 1)[0] as Chain) : null;
    const origin = chain?.origin ?? originFor(e, hop.requestHeaders);
    if (isPreflight) {
      const forMethod = header(hop.requestHeaders, 'access-control-request-method');
      if (!origin || !forMethod) return null;
      return preflightSeen({
        url: e.request.url,
        forMethod,
        origin,
        at: startedAt,
        hop,
        entry: e,
        claimedBy: null,
      });
    }
    const hops = [...(chain?.hops ?? []), ...(status > 0 ? [hop] : [])];
    const callSite = chain?.callSite ?? callSiteOf(e._initiator?.stack);
    const redirect = e.response.redirectURL;
    const key = chain?.key ?? `${session}:${String(++n)}`;
    if (!error && status >= 300 && status < 400 && redirect) {
      const c: Chain = {
        key,
        next: resolveUrl(redirect, e.request.url),
        startedAt: chain?.startedAt ?? startedAt,
        origin,
        callSite,
        hops,
      };
      const resent = prepend(c, e);
      if (!resent) chains.push(c);
      return resent;
    }
    if (origin === undefined) return null;
    const first = hops[0] ?? hop;
    if ([first, hop].every((h) => isSameOrigin(origin, h.url))) return null;
    return emit(
      withPreflight(
        {
          key,
          tabId,
          frameId: null,
          kind: kind ?? null,
          pageOrigin: origin,
          startedAt: chain?.startedAt ?? startedAt,
          endedAt: Math.max(startedAt + Math.max(0, e.time ?? 0), receivedAt),
          request: { url: first.url, method: first.method, headers: first.requestHeaders },
          preflight: null,
          hops,
          // ERR_ABORTED is the page not reading a body it was allowed to read (or leaving), not a failure.
          error: error === 'net::ERR_ABORTED' ? null : error && error.slice(0, 200),
          callSite,
        },
        chain && preflightsPerHop() ? e.request : undefined,
      ),
    );
  };

  return {
    add,
    /** The preflight entry linked to an exchange, for reading it again (its response may come late). */
    preflightEntry: (key: string): HarEntryLike | undefined =>
      preflights.find((p) => p.claimedBy === key)?.entry,
  };
}

/** An exchange sent without a response, and its entries read again from getHAR(): the exchange with what DevTools
 * attached late (the request's response, the preflight's), or null when there still is none. */
export function amend(
  x: WireExchange,
  fresh: HarEntryLike | undefined,
  freshPreflight: HarEntryLike | undefined,
  unanswered: boolean,
): WireExchange | null {
  let out: WireExchange | null = null;
  if (fresh && unanswered && fresh.response.status > 0) out = { ...x, hops: [...x.hops, hopOf(fresh)] };
  if (freshPreflight && x.preflight?.status === 0 && freshPreflight.response.status > 0)
    out = { ...(out ?? x), preflight: hopOf(freshPreflight) };
  return out;
}
