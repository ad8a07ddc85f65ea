// The per-tab store: a deterministic reducer from capture events (normalised webRequest details) to exchange
// records, with preflight linking, redirect chains and a bounded ring. No chrome.*, no clock: times come in with
// the events, so the tests replay exact sequences. It mutates the tab state in place on purpose: a tab holds up
// to 10 000 records and a burst brings thousands of events, so copying per event would cost O(n) each.
import type { HeaderMap, ObservedHop } from '../engine/types.ts';
import type { ExchangeRecord } from '../shared/model.ts';
import { LIMITS } from '../shared/limits.ts';
import { applyPreflight, claimPreflight, type Preflight } from './preflights.ts';
import { isAllowedRecord, keepAllowed, markSettling, unsettle } from './successes.ts';

export interface Base {
  requestId: string;
  tabId: number;
  frameId: number;
  url: string;
  method: string;
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
  | (Base & {
      kind: 'headers';
      status: number;
      headers: HeaderMap;
      /** Epoch ms when the worker received it: the settle window starts then, since events queued during a worker
       * restart arrive late, their error right behind them (successes.ts). Defaults to `at`. */
      receivedAt?: number;
    })
  | (Base & { kind: 'failed'; error: string })
  | (Base & { kind: 'completed' });

export interface TabState {
  tabId: number;
  seq: number;
  preserveLog: boolean;
  /** Insertion-ordered: the first key is the oldest record, evicted first. */
  records: Map<string, ExchangeRecord>;
  preflights: Preflight[];
  /** Request headers of the hop in flight per record, until its response arrives. */
  hopRequests: Map<string, HeaderMap>;
  /** Records DevTools created while webRequest missed them (devtools-records.ts), until a late webRequest event
   * adopts them, and the requestIds so adopted. */
  orphans: Set<string>;
  aliases: Map<string, string>;
  /** Exchanges still in flight: kept here, unsent and unstored, until they fail or settle as allowed
   * (successes.ts: there is no onCompleted listener, one dispatch less per request); entries leave by age or count. */
  inFlight: Map<string, ExchangeRecord>;
  /** In-flight requests whose response headers arrived, with when (ordered by time): allowed once they settle. */
  settling: Map<string, number>;
  /** Ids of the allowed records in `records`, oldest first: their own ring (LIMITS.allowedPerTab). */
  allowed: Set<string>;
  /** Ids of the latest failures, oldest first: annotations and page errors concern recent failed requests. */
  recent: string[];
}

export interface Effect {
  changed: ExchangeRecord[];
  evicted: string[];
}

const NONE: Effect = { changed: [], evicted: [] };

export function createTabState(
  tabId: number,
  records: ExchangeRecord[] = [],
  seq = 0,
  preserveLog = false,
): TabState {
  const allowed = records.filter(isAllowedRecord).map((r) => r.id);
  const failures = records.filter((r) => !isAllowedRecord(r));
  return {
    tabId,
    seq,
    preserveLog,
    records: new Map(records.map((r) => [r.id, r])),
    preflights: [],
    hopRequests: new Map(),
    orphans: new Set(),
    aliases: new Map(),
    inFlight: new Map(),
    settling: new Map(),
    allowed: new Set(allowed),
    recent: failures.slice(-LIMITS.recentScan).map((r) => r.id),
  };
}

export const recordId = (requestId: string): string => `wr-${requestId}`;

const isSecure = (origin: string): boolean =>
  /^https:|^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(origin);

export function applyCapture(tab: TabState, ev: CaptureEvent): Effect {
  const id = tab.aliases.get(ev.requestId) ?? adoptOrphan(tab, ev) ?? recordId(ev.requestId);
  const pf = tab.preflights.find((p) => p.requestId === ev.requestId);
  if (pf || (ev.kind === 'sent' && ev.preflightFor !== null)) return applyPreflight(tab, pf, ev);
  let rec = tab.records.get(id) ?? tab.inFlight.get(id);
  if (!rec) {
    if (ev.kind === 'completed') return NONE; // seen only at its end: nothing worth recording
    rec = startRecord(tab, ev, id);
  }
  const o = rec.observed;
  switch (ev.kind) {
    case 'sent':
      if (o.requestHeaders === undefined) o.requestHeaders = ev.headers;
      tab.hopRequests.set(id, ev.headers);
      tab.settling.delete(id); // a redirect's next hop: not final yet
      break;
    case 'headers': {
      const hops = o.hops as ObservedHop[];
      const last = hops.at(-1);
      // A record DevTools created already holds its final hop; the late webRequest copy is the same response.
      if (id.startsWith('dt-') && last?.url === ev.url && last.status === ev.status) break;
      hops.push({
        url: ev.url,
        method: ev.method,
        requestHeaders: tab.hopRequests.get(id) ?? {},
        status: ev.status,
        responseHeaders: ev.headers,
      });
      tab.hopRequests.delete(id);
      if (tab.inFlight.has(id)) markSettling(tab, id, ev.receivedAt ?? ev.at);
      break;
    }
    case 'failed':
      o.netError = ev.error;
      rec.done = true;
      tab.hopRequests.delete(id);
      // Settled as allowed, then an error after all (a body cut off): from now on it is a failure like any other.
      if (unsettle(tab, id)) return { changed: [rec], evicted: keepRecord(tab, rec) };
      break;
    case 'completed':
      rec.done = true;
      tab.hopRequests.delete(id);
      break;
  }
  if (!tab.inFlight.has(id)) return { changed: [rec], evicted: [] };
  if (!rec.done) return NONE;
  tab.inFlight.delete(id);
  tab.settling.delete(id);
  if (o.netError === null) return { changed: [rec], evicted: keepAllowed(tab, rec) };
  return { changed: [rec], evicted: keepRecord(tab, rec) };
}

/** Puts a finished failure into the ring (allowed records have their own: successes.ts). */
export function keepRecord(tab: TabState, rec: ExchangeRecord): string[] {
  tab.records.set(rec.id, rec);
  tab.recent.push(rec.id);
  if (tab.recent.length > LIMITS.recentScan * 2) tab.recent.splice(0, tab.recent.length - LIMITS.recentScan);
  return enforceCap(tab);
}

function startRecord(tab: TabState, ev: Base, id: string): ExchangeRecord {
  const rec = createRecord(tab, ev, id);
  tab.inFlight.set(id, rec);
  // Successes never say so (no onCompleted): in-flight entries leave by age, then by count.
  for (const [k, r] of tab.inFlight) {
    if (ev.at - r.startedAt < LIMITS.inFlightMaxAgeMs && tab.inFlight.size <= LIMITS.inFlightPerTab) break;
    tab.inFlight.delete(k);
    tab.hopRequests.delete(k);
    tab.settling.delete(k);
  }
  return rec;
}

/** A webRequest event for a request DevTools already reported (the worker was restarting): same exchange. */
function adoptOrphan(tab: TabState, ev: CaptureEvent): string | undefined {
  for (const oid of tab.orphans) {
    const r = tab.records.get(oid);
    if (!r) {
      tab.orphans.delete(oid);
      continue;
    }
    if (
      r.observed.method === ev.method &&
      (r.observed.url === ev.url || r.observed.hops.some((h) => h.url === ev.url)) &&
      Math.abs(r.startedAt - ev.at) <= LIMITS.annotationWindowMs
    ) {
      tab.orphans.delete(oid);
      tab.aliases.set(ev.requestId, oid);
      return oid;
    }
  }
  return undefined;
}

export function createRecord(tab: TabState, ev: Base, id: string): ExchangeRecord {
  const rec: ExchangeRecord = {
    id,
    tabId: tab.tabId,
    frameId: ev.frameId,
    startedAt: ev.at,
    done: false,
    observed: {
      pageOrigin: ev.pageOrigin,
      method: ev.method,
      url: ev.url,
      hops: [],
      netError: null,
      pageSecure: isSecure(ev.pageOrigin),
    },
    callSite: null,
    pageError: null,
  };
  const pf = claimPreflight(tab, ev, id);
  if (pf) {
    rec.observed.preflight = pf.hop;
    rec.startedAt = Math.min(rec.startedAt, pf.at);
  }
  return rec;
}

/** The failures' ring: the oldest failures go first; allowed records are not counted and never go for them. */
export function enforceCap(tab: TabState): string[] {
  const evicted: string[] = [];
  let excess = tab.records.size - tab.allowed.size - LIMITS.recordsPerTab;
  for (const oldest of tab.records.keys()) {
    if (excess <= 0) break;
    if (tab.allowed.has(oldest)) continue;
    excess--;
    tab.records.delete(oldest);
    tab.hopRequests.delete(oldest);
    tab.orphans.delete(oldest);
    evicted.push(oldest);
  }
  return evicted;
}

/** Clears a tab (navigation or the panel's "clear"); returns the ids to drop from storage. */
export function resetTab(tab: TabState, before = Infinity): string[] {
  const gone: string[] = [];
  for (const [id, r] of tab.inFlight) {
    if (r.startedAt >= before) continue;
    tab.inFlight.delete(id);
    tab.settling.delete(id);
  }
  for (const [id, r] of tab.records) {
    if (r.startedAt < before) {
      tab.records.delete(id);
      tab.allowed.delete(id);
      gone.push(id);
    }
  }
  tab.preflights = tab.preflights.filter((p) => p.at >= before);
  tab.recent = tab.recent.filter((id) => tab.records.has(id));
  return gone;
}
