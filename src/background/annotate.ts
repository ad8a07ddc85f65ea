// What the page side adds to records webRequest created: the DevTools call site and the page's own error.
// Both only annotate an existing record (never create or alter the observed exchange), matched by content
// within a time window, since DevTools, webRequest and the page use unrelated request ids.
import type { ExchangeRecord, PageError } from '../shared/model.ts';
import type { NetworkAnnotation } from '../shared/protocol.ts';
import { LIMITS } from '../shared/limits.ts';
import { keepRecord, type Effect, type TabState } from './tab-store.ts';
import { completeFromDevtools, recordFromDevtools } from './devtools-records.ts';
import { unsettle } from './successes.ts';
import type { ChromeVerdict } from './precise.ts';

const NONE: Effect = { changed: [], evicted: [] };

/** A page error waiting for its failure (the page can see its error before the worker sees onErrorOccurred). */
export interface PendingPageError {
  frameId: number;
  url: string | null;
  at: number;
  error: PageError;
}

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
function* newestFirst(tab: TabState): Generator<ExchangeRecord> {
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

/** Attaches a page error to the oldest failed, unannotated record of the same frame (and URL, when the error
 * names one) that failed within the window; otherwise keeps it briefly for a failure still to come. */
export function annotatePageError(
  tab: TabState,
  failedAt: ReadonlyMap<string, number>,
  pe: PendingPageError,
  pending: PendingPageError[],
): Effect {
  const match = findFailure(tab, failedAt, pe);
  if (match) {
    match.pageError = pe.error;
    return { changed: [match], evicted: [] };
  }
  pending.push(pe);
  if (pending.length > LIMITS.pendingPageErrors) pending.shift();
  return NONE;
}

function findFailure(
  tab: TabState,
  failedAt: ReadonlyMap<string, number>,
  pe: PendingPageError,
): ExchangeRecord | null {
  let found: ExchangeRecord | null = null;
  for (const r of newestFirst(tab)) {
    const t = failedAt.get(r.id);
    if (t === undefined) {
      if (r.startedAt < pe.at - LIMITS.pageErrorWindowMs * 4) break;
      continue;
    }
    if (r.pageError !== null || r.frameId !== pe.frameId || Math.abs(pe.at - t) > LIMITS.pageErrorWindowMs)
      continue;
    if (pe.url !== null && !touchesUrl(r, pe.url)) continue;
    found = r; // keep scanning: the oldest match wins, errors surface in the order the requests failed
  }
  return found;
}

/** When a record fails, a page error that arrived first may now find it. */
export function claimPendingPageError(rec: ExchangeRecord, at: number, pending: PendingPageError[]): boolean {
  const i = pending.findIndex(
    (p) =>
      p.frameId === rec.frameId &&
      Math.abs(p.at - at) <= LIMITS.pageErrorWindowMs &&
      (p.url === null || touchesUrl(rec, p.url)),
  );
  if (i < 0 || rec.pageError !== null) return false;
  rec.pageError = (pending[i] as PendingPageError).error;
  pending.splice(i, 1);
  return true;
}

/** A Chrome verdict (precise mode) that arrived before its failure: Audits and onErrorOccurred come within about
 * 1 ms of each other, in either order (chromium-observability.md §1.1). */
export function claimVerdict(rec: ExchangeRecord, pending: ChromeVerdict[]): boolean {
  const i = pending.findIndex((v) => touchesUrl(rec, v.url));
  const v = pending[i];
  if (!v || rec.observed.chromeVerdict) return false;
  rec.observed.chromeVerdict = { corsError: v.corsError, failedParameter: v.failedParameter };
  pending.splice(i, 1);
  return true;
}
