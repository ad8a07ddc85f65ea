// The page's own error (the unhandled `TypeError: Failed to fetch` the content scripts relay) attached to its
// failure. It can only annotate a failure the browser side recorded. Fetch errors name no URL, so the match is
// by frame and time: the failure closest to the error, not simply the oldest, since a failure the page caught
// never gets an error and must not take a later one's. The error carries the relay's clock (a few ms after the
// failure); the failure its browser time (webRequest's, or DevTools' end time). Either may reach the worker
// first: DevTools' log is slower than the content script, so an error without a failure close to it waits a
// moment (`settlePageErrors`) for one to come.
import type { ExchangeRecord, PageError } from '../shared/model.ts';
import { LIMITS } from '../shared/limits.ts';
import { newestFirst, touchesUrl, type Effect, type TabState } from './tab-store.ts';

const NONE: Effect = { changed: [], evicted: [] };

/** A page error waiting for its failure. */
export interface PendingPageError {
  frameId: number;
  url: string | null;
  /** When it happened (the relay's clock), and when the worker got it. */
  at: number;
  arrivedAt: number;
  error: PageError;
}

/** The unannotated failure of the error's frame (and URL, when it names one) closest to it in time, within the
 * window (the older on a tie: errors surface in the order requests failed), with how far it is. */
function closestFailure(tab: TabState, pe: PendingPageError): { rec: ExchangeRecord; d: number } | null {
  let best: { rec: ExchangeRecord; d: number } | null = null;
  for (const r of newestFirst(tab)) {
    const t = r.observed.netError === null ? undefined : (r.endedAt ?? r.startedAt);
    if (t === undefined) {
      if (r.startedAt < pe.at - LIMITS.pageErrorWindowMs * 4) break;
      continue;
    }
    const d = Math.abs(pe.at - t);
    if (r.pageError !== null || r.frameId !== pe.frameId || d > LIMITS.pageErrorWindowMs) continue;
    if (pe.url !== null && !touchesUrl(r, pe.url)) continue;
    if (!best || d <= best.d) best = { rec: r, d };
  }
  return best;
}

/** A new page error: attached at once to a failure close to it, else kept for one still to come (bounded). */
export function annotatePageError(tab: TabState, pe: PendingPageError, pending: PendingPageError[]): Effect {
  const match = closestFailure(tab, pe);
  if (match && match.d <= LIMITS.pageErrorNearMs) {
    match.rec.pageError = pe.error;
    return { changed: [match.rec], evicted: [] };
  }
  pending.push(pe);
  if (pending.length > LIMITS.pendingPageErrors) pending.shift();
  return NONE;
}

/** When a record fails, the waiting page error closest to it (within the window) is its own. */
export function claimPendingPageError(rec: ExchangeRecord, at: number, pending: PendingPageError[]): boolean {
  if (rec.pageError !== null) return false;
  let best = -1;
  for (let i = 0; i < pending.length; i++) {
    const p = pending[i] as PendingPageError;
    if (p.frameId !== rec.frameId || Math.abs(p.at - at) > LIMITS.pageErrorWindowMs) continue;
    if (p.url !== null && !touchesUrl(rec, p.url)) continue;
    if (best < 0 || Math.abs(p.at - at) < Math.abs((pending[best] as PendingPageError).at - at)) best = i;
  }
  const [p] = best < 0 ? [] : pending.splice(best, 1);
  if (!p) return false;
  rec.pageError = p.error;
  return true;
}

/** Errors that waited `pageErrorSettleMs` take the closest failure there is; those past the window are dropped. */
export function settlePageErrors(tab: TabState, pending: PendingPageError[], now: number): Effect {
  const changed: ExchangeRecord[] = [];
  for (let i = pending.length - 1; i >= 0; i--) {
    const p = pending[i] as PendingPageError;
    if (now - p.arrivedAt < LIMITS.pageErrorSettleMs) continue;
    const match = closestFailure(tab, p);
    if (match) {
      match.rec.pageError = p.error;
      changed.push(match.rec);
    }
    if (match || now - p.arrivedAt > LIMITS.pageErrorWindowMs) pending.splice(i, 1);
  }
  return { changed, evicted: [] };
}
