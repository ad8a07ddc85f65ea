// What DevTools adds to records webRequest created ("Record all tabs": the call site, the real status) and Chrome's
// verdict in precise mode; the page's own error is page-errors.ts. All only annotate an existing record (never
// create or alter the observed exchange), matched by content within a time window, since DevTools, webRequest and
// the page use unrelated request ids.
import type { ExchangeRecord } from '../shared/model.ts';
import type { NetworkAnnotation } from '../shared/protocol.ts';
import { LIMITS } from '../shared/limits.ts';
import { keepRecord, type Effect, type TabState } from './tab-store.ts';
import { completeFromDevtools, recordFromDevtools } from './devtools-records.ts';
import { unsettle } from './successes.ts';
import type { ChromeVerdict } from './precise.ts';

const NONE: Effect = { changed: [], evicted: [] };

/** The record's URL, one of its hops', or where its last redirect pointed (a hop that never got a response of
 * its own, e.g. when the preflight for the new URL failed). */
export function touchesUrl(r: ExchangeRecord, url: string): boolean {
  const hops = r.observed.hops;
  if (r.observed.url === url || hops.some((h) => h.url === url)) return true;
  const last = hops.at(-1);
  const location =
    last && last.status >= 300 && last.status < 400 ? last.responseHeaders.location : undefined;
  if (typeof location !== 'string') return false;
  try {
    return new URL(location, last?.url).href === url;
  } catch {
    return false;
  }
}

/** The latest records, newest first, then those still in flight: annotations concern recent requests (a
 * bounded scan, not the ring). DevTools reports a redirect hop before the request fails. */
export function* newestFirst(tab: TabState): Generator<ExchangeRecord> {
  for (let i = tab.recent.length - 1; i >= 0; i--) {
    const r = tab.records.get(tab.recent[i] as string);
    if (r) yield r;
  }
  yield* tab.inFlight.values();
}

const rank = (r: ExchangeRecord, ann: NetworkAnnotation): number =>
  (r.callSite === null ? 0 : 1e9) + Math.abs(r.startedAt - ann.startedAt);

/** Idempotent: the devtools page re-sends its recent annotations after a reconnect (a port that died with the
 * worker drops messages silently), so an annotation that finds its record again changes nothing. */
export function annotateNetwork(tab: TabState, ann: NetworkAnnotation): Effect {
  let best: ExchangeRecord | null = null;
  for (const r of newestFirst(tab)) {
    const dt = Math.abs(r.startedAt - ann.startedAt);
    if (r.startedAt < ann.startedAt - LIMITS.annotationWindowMs * 2) break;
    if (dt > LIMITS.annotationWindowMs || !touchesUrl(r, ann.url)) continue;
    if (r.observed.method !== ann.method && r.observed.hops.every((h) => h.method !== ann.method)) continue;
    // Unannotated records first (identical concurrent requests), then the closest in time.
    if (!best || rank(r, ann) < rank(best, ann)) best = r;
  }
  if (!best) return failAllowed(tab, ann) ?? recordFromDevtools(tab, ann);
  const inFlight = tab.inFlight.has(best.id);
  let changed = completeFromDevtools(best, ann);
  if (best.callSite === null && ann.callSite !== null) {
    best.callSite = ann.callSite;
    changed = true;
  }
  if (ann.kind && best.observed.kind !== ann.kind) {
    best.observed.kind = ann.kind;
    changed = true;
  }
  if (!inFlight) return changed ? { changed: [best], evicted: [] } : NONE;
  if (!best.done) return NONE; // sent with the failure, call site included
  tab.inFlight.delete(best.id); // its failure never reached a worker: DevTools completed it
  return { changed: [best], evicted: keepRecord(tab, best) };
}

/** DevTools saw a failure where the worker settled an allowed exchange (its onErrorOccurred went to a worker being
 * stopped): the same exchange, now a failure, rather than a second record. Only for a failure nothing else matched. */
function failAllowed(tab: TabState, ann: NetworkAnnotation): Effect | null {
  if (!ann.evidence || tab.allowed.size === 0) return null;
  const ids = [...tab.allowed];
  for (let i = ids.length - 1; i >= 0; i--) {
    const r = tab.records.get(ids[i] as string);
    if (!r || r.observed.method !== ann.method || !touchesUrl(r, ann.url)) continue;
    if (Math.abs(r.startedAt - ann.startedAt) > LIMITS.annotationWindowMs) continue;
    unsettle(tab, r.id);
    r.observed.netError = ann.evidence.error;
    r.callSite ??= ann.callSite;
    if (ann.kind) r.observed.kind = ann.kind;
    return { changed: [r], evicted: keepRecord(tab, r) };
  }
  return null;
}

/** A Chrome verdict (precise mode) that arrived before its failure: Audits and onErrorOccurred come within about
 * 1 ms of each other, in either order (docs/chromium-behaviour.md#webrequest). */
export function claimVerdict(rec: ExchangeRecord, pending: ChromeVerdict[]): boolean {
  const i = pending.findIndex((v) => touchesUrl(rec, v.url));
  const v = pending[i];
  if (!v || rec.observed.chromeVerdict) return false;
  rec.observed.chromeVerdict = { corsError: v.corsError, failedParameter: v.failedParameter };
  pending.splice(i, 1);
  return true;
}
