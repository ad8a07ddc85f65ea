// Preflights: recognised by OPTIONS + Access-Control-Request-Method (their type is the request's own,
// 'xmlhttprequest', and they never get onErrorOccurred), kept briefly, and linked to their request by content.
import { LIMITS } from '../shared/limits.ts';
import type { ObservedHop } from '../engine/types.ts';
import type { Base, CaptureEvent, Effect, TabState } from './tab-store.ts';

const NONE: Effect = { changed: [], evicted: [] };

export interface Preflight {
  requestId: string;
  frameId: number;
  url: string;
  /** The method it asks for: the actual request's method. */
  forMethod: string;
  at: number;
  hop: ObservedHop;
  claimedBy: string | null;
}

/** Links by content, not by id: ids are only consecutive when nothing else is in flight
 * (chromium-observability.md §1.1). The oldest unclaimed match in the window wins, so identical concurrent
 * requests pair in order. */
export function claimPreflight(tab: TabState, ev: Base, id: string): Preflight | undefined {
  const pf = tab.preflights.find(
    (p) =>
      p.claimedBy === null &&
      p.frameId === ev.frameId &&
      p.url === ev.url &&
      p.forMethod === ev.method &&
      ev.at - p.at <= LIMITS.preflightLinkWindowMs &&
      p.at - ev.at <= 50,
  );
  if (pf) pf.claimedBy = id;
  return pf;
}

export function applyPreflight(tab: TabState, pf: Preflight | undefined, ev: CaptureEvent): Effect {
  if (!pf) {
    if (ev.kind !== 'sent' || ev.preflightFor === null) return NONE;
    tab.preflights.push({
      requestId: ev.requestId,
      frameId: ev.frameId,
      url: ev.url,
      forMethod: ev.preflightFor,
      at: ev.at,
      hop: { url: ev.url, method: 'OPTIONS', requestHeaders: ev.headers, status: 0, responseHeaders: {} },
      claimedBy: null,
    });
    prunePreflights(tab, ev.at);
    return NONE;
  }
  if (ev.kind !== 'headers') return NONE;
  // A redirected preflight gets a status but never a second hop: Chrome refuses to follow it.
  pf.hop.status = ev.status;
  pf.hop.responseHeaders = ev.headers;
  const owner = pf.claimedBy === null ? undefined : tab.records.get(pf.claimedBy); // in flight: sent when it fails
  return owner ? { changed: [owner], evicted: [] } : NONE;
}

function prunePreflights(tab: TabState, now: number): void {
  const keep = tab.preflights.filter((p) => now - p.at <= LIMITS.preflightLinkWindowMs * 2);
  tab.preflights = keep.slice(-LIMITS.pendingPreflightsPerTab);
}
