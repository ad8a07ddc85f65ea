// HAR entries → DevtoolsExchange messages. While DevTools is open, its network log is the capture source: it
// already sees every request, with headers, real status, preflights and the initiator stack, at no cost to the
// page's own requests (webRequest would put an extension proxy in front of every request of the browser:
// background/all-tabs.ts). Exchanges leave at once (the devtools page is a hidden page, where Chrome runs timers
// about once a second, so nothing here waits); what DevTools reports out of order or late is sent again, more
// complete, under the same id, and the worker keeps the more complete one (capture-service.ts):
// - a redirect is reported hop by hop, each hop as its own entry, usually 3xx first: hops wait for their chain's
//   end; when the end came first (entries are built asynchronously), the 3xx re-sends it with the hop in front;
// - a failure DevTools finished before it attached the response (`amend`).
import { LIMITS } from '../shared/limits.ts';
import { isSameOrigin } from '../shared/origin.ts';
import type { CallSite } from '../shared/model.ts';
import type { DevtoolsExchange, HarHop, HeaderPair } from '../shared/protocol.ts';
import { callSiteOf, header, hopOf, resolveUrl, startOf, urlOrigin, type HarEntryLike } from './har-entry.ts';

export { callSiteOf, type HarEntryLike } from './har-entry.ts';

/** A preflight just seen: a request that never got a response shows only provisional headers in HAR, without
 * Origin (measured), and its preflight is usually reported first. */
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
  startedAt: number;
  origin: string | undefined;
  callSite: CallSite | null;
  hops: HarHop[];
}

/** One per devtools page: `session` makes ids unique across DevTools sessions, the counter within one.
 * `pageOrigin` is the inspected page's origin, the last resort when an entry names none. */
export function createHarAssembler(
  tabId: number,
  session: string,
  pageOrigin: () => string | undefined = () => undefined,
) {
  let n = 0;
  let chains: Chain[] = [];
  let preflights: SeenPreflight[] = [];
  /** Exchanges sent lately, for a 3xx reported after its chain's end. */
  let sent: DevtoolsExchange[] = [];

  /** Origin header (a tainted `null` names none); else the preflight's, the Referer's (the default referrer policy
   * keeps the origin), or the page's. */
  const originFor = (e: HarEntryLike, headers: HeaderPair[]): string | undefined => {
    const own = header(headers, 'origin');
    if (own && own !== 'null') return own;
    const pf = preflights.find((p) => p.url === e.request.url && p.method === e.request.method);
    return pf?.origin ?? urlOrigin(header(headers, 'referer')) ?? pageOrigin();
  };

  const prune = (now: number): void => {
    chains = chains
      .filter((c) => now - c.startedAt <= LIMITS.redirectChainWindowMs)
      .slice(-LIMITS.redirectChainsPending);
    sent = sent
      .filter((x) => now - x.startedAt <= LIMITS.redirectChainWindowMs)
      .slice(-LIMITS.redirectChainsPending);
    preflights = preflights
      .filter((p) => Math.abs(now - p.at) <= LIMITS.preflightLinkWindowMs)
      .slice(-LIMITS.pendingPreflightsPerTab);
  };

  const emit = (x: DevtoolsExchange): DevtoolsExchange => {
    if (x.kind !== 'preflight') sent.push(x);
    return x;
  };

  /** A 3xx whose chain's end was already sent: that exchange again, with the earlier hops in front. */
  const prepend = (c: Chain, e: HarEntryLike): DevtoolsExchange | null => {
    const i = sent.findIndex((x) => x.request.url === c.next && x.startedAt >= c.startedAt);
    const end = sent[i];
    if (!end) return null;
    sent.splice(i, 1);
    const first = c.hops[0] ?? hopOf(e);
    return emit({
      ...end,
      pageOrigin: c.origin ?? end.pageOrigin,
      startedAt: c.startedAt,
      request: { url: first.url, method: first.method, headers: first.requestHeaders },
      hops: [...c.hops, ...end.hops],
      callSite: c.callSite ?? end.callSite,
    });
  };

  /** `receivedAt`: when DevTools reported the entry, a bound on when it ended when HAR's `time` is missing or
   * short (it counts only the timings DevTools has). */
  return (e: HarEntryLike, receivedAt = 0): DevtoolsExchange | null => {
    const kind = e._resourceType;
    if (kind !== 'fetch' && kind !== 'xhr' && kind !== 'preflight') return null;
    const startedAt = startOf(e);
    if (Number.isNaN(startedAt)) return null;
    prune(startedAt);
    const hop = hopOf(e);
    const { status } = e.response;
    const error = e.response._error ?? null;
    const i = kind === 'preflight' ? -1 : chains.findIndex((c) => c.next === e.request.url);
    const chain = i >= 0 ? (chains.splice(i, 1)[0] as Chain) : null;
    const hops = [...(chain?.hops ?? []), ...(status > 0 ? [hop] : [])];
    const origin = chain?.origin ?? originFor(e, hop.requestHeaders);
    const acrm = header(hop.requestHeaders, 'access-control-request-method');
    if (kind === 'preflight' && origin && acrm)
      preflights.push({ url: e.request.url, method: acrm, origin, at: startedAt });
    const callSite = chain?.callSite ?? callSiteOf(e._initiator?.stack);
    const redirect = e.response.redirectURL;
    if (kind !== 'preflight' && !error && status >= 300 && status < 400 && redirect) {
      const c: Chain = {
        id: chain?.id ?? `${session}:${String(++n)}`,
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
    if (kind !== 'preflight' && [first, hop].every((h) => isSameOrigin(origin, h.url))) return null;
    return emit({
      type: 'exchange',
      tabId,
      id: chain?.id ?? `${session}:${String(++n)}`,
      kind,
      pageOrigin: origin,
      startedAt: chain?.startedAt ?? startedAt,
      endedAt: Math.max(startedAt + Math.max(0, e.time ?? 0), receivedAt),
      request: { url: first.url, method: first.method, headers: first.requestHeaders },
      hops,
      last: { url: hop.url, method: hop.method, status },
      // ERR_ABORTED is the page not reading a body it was allowed to read (or leaving), not a failure.
      error: error === 'net::ERR_ABORTED' ? null : error && error.slice(0, 200),
      callSite,
    });
  };
}

/** A failure sent without a response, and the same request read again from getHAR(): the exchange with the response
 * DevTools attached late, or null when there still is none. */
export function amend(x: DevtoolsExchange, fresh: HarEntryLike): DevtoolsExchange | null {
  if (x.last.status > 0 || fresh.response.status <= 0) return null;
  const hop = hopOf(fresh);
  return { ...x, hops: [...x.hops, hop], last: { ...x.last, status: hop.status } };
}
