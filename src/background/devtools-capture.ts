// DevTools' network log as the capture source. A DevtoolsExchange (one fetch/XHR with its redirect hops, or one
// preflight) becomes the capture events webRequest would have produced for it, so one reducer (tab-store.ts)
// links preflights, chains hops and settles successes whatever the source. When "Record all tabs" has webRequest
// capturing, the same message only annotates: the call site, the real status, and evidence for failures a worker
// restart swallowed (annotate.ts, devtools-records.ts).
import type { DevtoolsExchange, NetworkAnnotation } from '../shared/protocol.ts';
import { headerValue, normaliseHeaders } from './headers.ts';
import { isSameOrigin } from '../shared/origin.ts';
import type { ExchangeRecord } from '../shared/model.ts';
import { recordId, type Base, type CaptureEvent, type TabState } from './tab-store.ts';

type Event = CaptureEvent & { sameOrigin: boolean };

export const devtoolsRequestId = (x: DevtoolsExchange): string => `dt:${x.id}`;

/** The events in webRequest's order. A request that got no response (its preflight failed, or the connection)
 * has no `sent` event, like webRequest with extraHeaders; a success ends with `completed`, which webRequest
 * capture never sends (it settles by time), since DevTools says so. */
export function exchangeEvents(x: DevtoolsExchange): Event[] {
  const base = (url: string, method: string): Base & { sameOrigin: boolean } => ({
    requestId: devtoolsRequestId(x),
    tabId: x.tabId,
    frameId: 0,
    url,
    method,
    pageOrigin: x.pageOrigin,
    at: x.startedAt,
    sameOrigin: isSameOrigin(x.pageOrigin, url),
  });
  if (x.kind === 'preflight') {
    const headers = normaliseHeaders(x.request.headers, true);
    const events: Event[] = [
      {
        ...base(x.request.url, 'OPTIONS'),
        kind: 'sent',
        headers,
        preflightFor: headerValue(headers, 'access-control-request-method') ?? 'GET',
      },
    ];
    const hop = x.hops[0];
    if (hop)
      events.push({
        ...base(hop.url, 'OPTIONS'),
        kind: 'headers',
        status: hop.status,
        headers: normaliseHeaders(hop.responseHeaders),
      });
    return events;
  }
  const events: Event[] = [];
  for (const hop of x.hops) {
    const b = base(hop.url, hop.method);
    events.push({
      ...b,
      kind: 'sent',
      headers: normaliseHeaders(hop.requestHeaders, true),
      preflightFor: null,
    });
    events.push({
      ...b,
      kind: 'headers',
      status: hop.status,
      headers: normaliseHeaders(hop.responseHeaders),
    });
  }
  // The end carries its own time, as webRequest's onErrorOccurred does: a preflight is linked, and a page error
  // matched, against when the request failed. Without a hop it is also the first event, which creates the record:
  // it carries the first request then.
  const endOf = x.hops.length === 0 ? x.request : x.last;
  const end = { ...base(endOf.url, endOf.method), at: x.endedAt };
  events.push(x.error === null ? { ...end, kind: 'completed' } : { ...end, kind: 'failed', error: x.error });
  return events;
}

/** What the old one-entry-per-message devtools page sent: an annotation per redirect hop and one for the end. */
export function exchangeAnnotations(x: DevtoolsExchange): NetworkAnnotation[] {
  if (x.kind === 'preflight') return [];
  const ann = (url: string, method: string, status: number): NetworkAnnotation => ({
    type: 'annotate',
    tabId: x.tabId,
    url,
    method,
    startedAt: x.startedAt,
    status,
    callSite: x.callSite,
    kind: x.kind === 'fetch' ? 'fetch' : 'xhr',
  });
  const out = x.hops
    .filter((h) => h.status >= 300 && h.status < 400 && h !== x.hops.at(-1))
    .map((h) => ann(h.url, h.method, h.status));
  if (x.error === null) return out;
  const last = ann(x.last.url, x.last.method, x.last.status);
  const hop = x.last.status > 0 ? x.hops.at(-1) : undefined;
  last.evidence = {
    error: x.error,
    // With no response of its own, the first request's headers still name the page's Origin.
    requestHeaders: hop?.requestHeaders ?? x.request.headers,
    responseHeaders: hop?.responseHeaders ?? [],
  };
  return [...out, last];
}

/** What to do with an exchange the worker may have applied before (the devtools page re-sends after reconnecting,
 * and re-sends more complete versions: har-exchanges.ts). 'skip': nothing new. 'apply': unseen. A record: an
 * earlier, less complete version, now taken out of the tab for the new one to replace under the same id. */
export function takeForReplay(tab: TabState, x: DevtoolsExchange): 'skip' | 'apply' | ExchangeRecord {
  const requestId = devtoolsRequestId(x);
  if (x.kind === 'preflight') return tab.preflights.some((p) => p.requestId === requestId) ? 'skip' : 'apply';
  const id = recordId(requestId);
  const old = tab.records.get(id) ?? tab.inFlight.get(id);
  if (!old) return 'apply';
  if (old.observed.hops.length >= x.hops.length) return 'skip';
  tab.records.delete(id);
  tab.inFlight.delete(id);
  tab.allowed.delete(id);
  tab.settling.delete(id);
  tab.hopRequests.delete(id);
  return old;
}

/** The replacement keeps what only the earlier version had: its preflight, the page's error, Chrome's verdict. */
export function inherit(rec: ExchangeRecord, old: ExchangeRecord): void {
  const { preflight, chromeVerdict } = old.observed;
  if (preflight && !rec.observed.preflight) rec.observed.preflight = preflight;
  if (chromeVerdict && !rec.observed.chromeVerdict) rec.observed.chromeVerdict = chromeVerdict;
  rec.pageError ??= old.pageError;
  rec.callSite ??= old.callSite;
  rec.startedAt = Math.min(rec.startedAt, old.startedAt);
}

/** A preflight, or a failure without a failed preflight to explain it, that ended without a response: DevTools may
 * have attached the response late (or the server is down); worth one more look. */
export function needsReread(rec: ExchangeRecord | undefined, x: DevtoolsExchange): boolean {
  if (x.error === null || x.last.status > 0) return false;
  if (x.kind === 'preflight') return true;
  if (!rec) return false;
  const pf = rec.observed.preflight;
  return !pf || (pf.status >= 200 && pf.status < 300);
}

/** A preflight re-sent with the response DevTools attached late: its hop gets it, and the request it belongs to
 * is changed (the hop is shared with that record). */
export function amendPreflight(tab: TabState, x: DevtoolsExchange): ExchangeRecord | null {
  const hop = x.hops[0];
  const pf = tab.preflights.find((p) => p.requestId === devtoolsRequestId(x));
  if (x.kind !== 'preflight' || !hop || !pf || pf.hop.status !== 0) return null;
  pf.hop.status = hop.status;
  pf.hop.responseHeaders = normaliseHeaders(hop.responseHeaders);
  return pf.claimedBy === null ? null : (tab.records.get(pf.claimedBy) ?? null);
}
