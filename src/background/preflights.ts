// Preflights: recognised by OPTIONS + Access-Control-Request-Method (their type is the request's own,
// 'xmlhttprequest', and they never get onErrorOccurred), kept briefly, and linked to their request by content.
import { LIMITS } from '../shared/limits.ts';
import type { ObservedHop } from '../engine/types.ts';
import type { ExchangeRecord } from '../shared/model.ts';
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
 * (docs/chromium-behaviour.md#webrequest). The oldest unclaimed match in the window wins, so identical concurrent
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
    const fresh: Preflight = {
      requestId: ev.requestId,
      frameId: ev.frameId,
      url: ev.url,
      forMethod: ev.preflightFor,
      at: ev.at,
      hop: { url: ev.url, method: 'OPTIONS', requestHeaders: ev.headers, status: 0, responseHeaders: {} },
      claimedBy: null,
    };
    tab.preflights.push(fresh);
    prunePreflights(tab, ev.at);
    const late = claimLate(tab, fresh);
    return late ? { changed: [late], evicted: [] } : NONE;
  }
  if (ev.kind !== 'headers') return NONE;
  // A redirected preflight gets a status but never a second hop: Chrome refuses to follow it.
  pf.hop.status = ev.status;
  pf.hop.responseHeaders = ev.headers;
  const owner = pf.claimedBy === null ? undefined : tab.records.get(pf.claimedBy); // in flight: sent when it fails
  return owner ? { changed: [owner], evicted: [] } : NONE;
}

/** DevTools can report a request before its preflight (it builds entries asynchronously): a failure that never got
 * a response, and no preflight, failing just after this preflight started, is this preflight's request. */
function claimLate(tab: TabState, pf: Preflight): ExchangeRecord | undefined {
  for (let i = tab.recent.length - 1; i >= 0; i--) {
    const r = tab.records.get(tab.recent[i] as string);
    if (!r) continue;
    if (r.startedAt < pf.at - LIMITS.preflightLinkWindowMs) return undefined;
    const o = r.observed;
    if (
      o.preflight ||
      o.hops.length > 0 ||
      r.frameId !== pf.frameId ||
      o.url !== pf.url ||
      o.method !== pf.forMethod
    )
      continue;
    if (pf.at - r.startedAt > 50) continue; // started after this request failed: a later request's
    o.preflight = pf.hop;
    pf.claimedBy = r.id;
    r.startedAt = Math.min(r.startedAt, pf.at);
    return r;
  }
  return undefined;
}

function prunePreflights(tab: TabState, now: number): void {
  const keep = tab.preflights.filter((p) => now - p.at <= LIMITS.preflightLinkWindowMs * 2);
  tab.preflights = keep.slice(-LIMITS.pendingPreflightsPerTab);
}
