// DevTools as the second witness. While DevTools is open its network log sees every request, independently of
// the service worker; when a worker restart swallowed webRequest events (events dispatched to a worker that is
// being stopped are not redelivered), the HAR entry completes the record, or stands in for a missing one. This
// is browser data from the extension's own devtools page, never page data (page-input.ts).
import type { NetworkAnnotation } from '../shared/protocol.ts';
import type { ExchangeRecord } from '../shared/model.ts';
import { headerValue, normaliseHeaders } from './headers.ts';
import { createRecord, keepRecord, type Effect, type TabState } from './tab-store.ts';

type Evidence = NonNullable<NetworkAnnotation['evidence']>;

function addFinalHop(rec: ExchangeRecord, ann: NetworkAnnotation, ev: Evidence): void {
  // Status 0: no response (the preflight failed, or the connection did); nothing to add.
  if (ann.status <= 0 || rec.observed.hops.length > 0) return;
  (rec.observed.hops as unknown[]).push({
    url: ann.url,
    method: ann.method,
    requestHeaders: normaliseHeaders(ev.requestHeaders, true),
    status: ann.status,
    responseHeaders: normaliseHeaders(ev.responseHeaders),
  });
}

/** A record whose failure, or whose response, never reached a worker. */
export function completeFromDevtools(rec: ExchangeRecord, ann: NetworkAnnotation): boolean {
  const ev = ann.evidence;
  if (!ev) return false;
  const hops = rec.observed.hops.length;
  addFinalHop(rec, ann, ev);
  if (rec.done) return rec.observed.hops.length !== hops;
  rec.observed.netError = ev.error;
  rec.done = true;
  return true;
}

/** A failure webRequest never reported. Its page origin is the Origin header DevTools saw; without one (or with
 * a tainted `null`) the exchange cannot be told cross-origin, and nothing is created. */
export function recordFromDevtools(tab: TabState, ann: NetworkAnnotation): Effect {
  const ev = ann.evidence;
  const origin = ev ? headerValue(normaliseHeaders(ev.requestHeaders), 'origin') : undefined;
  if (!ev || !origin || origin === 'null') return { changed: [], evicted: [] };
  let id = `dt-${Math.round(ann.startedAt)}`;
  while (tab.records.has(id)) id += '+';
  const rec = createRecord(
    tab,
    {
      requestId: id,
      tabId: tab.tabId,
      frameId: 0,
      url: ann.url,
      method: ann.method,
      pageOrigin: origin,
      at: ann.startedAt,
    },
    id,
  );
  if (ann.status > 0) rec.observed.requestHeaders = normaliseHeaders(ev.requestHeaders, true);
  addFinalHop(rec, ann, ev);
  rec.observed.netError = ev.error;
  rec.done = true;
  rec.callSite = ann.callSite;
  if (ann.kind) rec.observed.kind = ann.kind;
  tab.orphans.add(id);
  return { changed: [rec], evicted: keepRecord(tab, rec) };
}
