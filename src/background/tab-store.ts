// The per-tab store and its one merge point. Both capture sources hand over finished exchanges
// (src/shared/exchange.ts); `upsert` finds the record they describe by one identity rule and folds them in by one
// merge rule. No chrome.*, no clock. It mutates the tab in place on purpose: a tab holds up to 10 000 records and
// a burst brings thousands of exchanges, so copying per exchange would cost O(n) each.

import type { CapturedExchange, CaptureSource } from '../shared/exchange.ts';
import type { ExchangeRecord } from '../shared/model.ts';
import { LIMITS } from '../shared/limits.ts';
import { fitRecord } from '../shared/budget.ts';
import { credentialsOf, modeOf } from '../shared/destination.ts';
import { find, index, unindex } from './tab-index.ts';

export { touchesUrl } from './tab-index.ts';

export interface TabState {
  tabId: number;
  seq: number;
  preserveLog: boolean;
  /** Insertion-ordered: the first key is the oldest record. */
  records: Map<string, ExchangeRecord>;
  /** Ids of the allowed records, oldest first: their own ring (LIMITS.allowedPerTab), so they never evict a failure. */
  allowed: Set<string>;
  /** Ids of the latest records, oldest first: later reports, page errors and verdicts concern recent requests. */
  recent: string[];
  /** Derived indexes, rebuilt from the records: `source:key` → the id of the record holding it; `source url` →
   * the records touching that URL that this source has not reported yet (the only ones it can join). */
  keys: Map<string, string>;
  open: Map<string, Set<string>>;
}

export interface Effect {
  changed: ExchangeRecord[];
  evicted: string[];
}

const NONE: Effect = { changed: [], evicted: [] };

export const isAllowedRecord = (r: ExchangeRecord): boolean => r.done && r.observed.netError === null;

export function createTabState(tabId: number, records: ExchangeRecord[] = [], seq = 0, preserveLog = false) {
  const tab: TabState = {
    tabId,
    seq,
    preserveLog,
    records: new Map(),
    allowed: new Set(),
    recent: [],
    keys: new Map(),
    open: new Map(),
  };
  for (const r of records) keep(tab, r);
  return tab;
}

/** Whether a page origin is a secure context (https, or loopback by name). */
export const isSecure = (origin: string): boolean =>
  /^https:|^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(origin);

/** The latest records, newest first (a bounded scan, not the ring). */
export function* newestFirst(tab: TabState): Generator<ExchangeRecord> {
  for (let i = tab.recent.length - 1; i >= 0; i--) {
    const r = tab.records.get(tab.recent[i] as string);
    if (r) yield r;
  }
}

/** Merge: each field takes the more complete value — more hops, a preflight with a response, a failure over an
 * allowed end (it failed after all), the earliest start — and otherwise keeps what the record has; what only one
 * source knows (webRequest the frame, DevTools the API and the call site) fills in when it is missing. Page errors
 * and Chrome's verdicts are never part of an exchange, so a merge keeps them. */
function merge(r: ExchangeRecord, x: CapturedExchange, source: CaptureSource, before = ''): boolean {
  const o = r.observed;
  if (x.hops.length > o.hops.length) {
    o.hops = x.hops;
    // A longer chain reported later (a 3xx DevTools sent after its end) starts at the chain's first request.
    if (x.startedAt < r.startedAt) {
      o.url = x.request.url;
      o.method = x.request.method;
      if (x.request.headers) o.requestHeaders = x.request.headers;
    }
  }
  if (x.preflight && (!o.preflight || (o.preflight.status === 0 && x.preflight.status > 0)))
    o.preflight = x.preflight;
  if (x.error !== null && o.netError === null) o.netError = x.error;
  if (o.requestHeaders === undefined && x.request.headers) o.requestHeaders = x.request.headers;
  if (x.kind) o.kind ??= x.kind;
  if (source === 'webRequest' && x.frameId !== null) r.frameId = x.frameId;
  r.callSite ??= x.callSite;
  r.startedAt = Math.min(r.startedAt, x.startedAt);
  r.endedAt = Math.max(r.endedAt ?? 0, x.endedAt);
  r.sources = { ...r.sources, [source]: x.key };
  setMode(r);
  // Within its byte budget before anything keeps or sends it: a hostile server's headers are cut here, once, at
  // capture (shared/budget.ts; idempotent, so a re-sent exchange still changes nothing).
  const { record: fitted, json } = fitRecord(r);
  r.observed = fitted.observed;
  r.callSite = fitted.callSite;
  return json !== before;
}

/** The mode the wire shows (Sec-Fetch-Mode: a `no-cors` fetch is an opaque response, not a CORS-allowed one; a
 * resource load is recorded only in CORS mode) and the credentials mode its destination fixes (a font's is
 * 'same-origin'): shared/destination.ts. */
function setMode(r: ExchangeRecord): void {
  const o = r.observed;
  const mode = modeOf(o.kind ?? null, o.requestHeaders ?? {});
  if (mode !== undefined) o.mode = mode;
  const credentials = credentialsOf(o.kind ?? null);
  if (credentials !== undefined) o.credentials ??= credentials;
}

function create(x: CapturedExchange, source: CaptureSource): ExchangeRecord {
  const r: ExchangeRecord = {
    id: `${source === 'webRequest' ? 'w' : 'd'}:${x.key}`,
    tabId: x.tabId,
    frameId: x.frameId ?? 0,
    startedAt: x.startedAt,
    endedAt: x.endedAt,
    done: true,
    observed: {
      pageOrigin: x.pageOrigin,
      method: x.request.method,
      url: x.request.url,
      hops: [],
      netError: null,
      pageSecure: isSecure(x.pageOrigin),
    },
    callSite: null,
    pageError: null,
  };
  merge(r, x, source);
  return r;
}

/** The one way an exchange enters a tab: a new record, or the record it describes made more complete. */
export function upsert(tab: TabState, x: CapturedExchange, source: CaptureSource): Effect {
  const r = find(tab, x, source);
  if (!r) {
    const rec = create(x, source);
    return { changed: [rec], evicted: keep(tab, rec) };
  }
  const wasAllowed = tab.allowed.has(r.id);
  unindex(tab, r);
  // A record is always kept fitted, so its JSON before compares with the fitted JSON after.
  const changed = merge(r, x, source, JSON.stringify(r));
  index(tab, r);
  if (!changed) return NONE;
  if (wasAllowed && !isAllowedRecord(r)) {
    tab.allowed.delete(r.id);
    tab.records.delete(r.id); // re-inserted as the newest failure
    return { changed: [r], evicted: keep(tab, r) };
  }
  return { changed: [r], evicted: [] };
}

/** Puts a record into its ring; returns the ids it pushed out (allowed ones only push out allowed ones). */
function keep(tab: TabState, r: ExchangeRecord): string[] {
  tab.records.set(r.id, r);
  index(tab, r);
  tab.recent.push(r.id);
  if (tab.recent.length > LIMITS.recentScan * 2) tab.recent.splice(0, tab.recent.length - LIMITS.recentScan);
  const allowed = isAllowedRecord(r);
  if (allowed) tab.allowed.add(r.id);
  const evicted: string[] = [];
  let excess = allowed
    ? tab.allowed.size - LIMITS.allowedPerTab
    : tab.records.size - tab.allowed.size - LIMITS.recordsPerTab;
  for (const id of allowed ? tab.allowed : tab.records.keys()) {
    if (excess <= 0) break;
    if (!allowed && tab.allowed.has(id)) continue;
    excess--;
    drop(tab, id);
    evicted.push(id);
  }
  return evicted;
}

function drop(tab: TabState, id: string): void {
  const r = tab.records.get(id);
  if (!r) return;
  unindex(tab, r, true);
  tab.records.delete(id);
  tab.allowed.delete(id);
}

/** Clears a tab (navigation or the panel's "clear") of what started before `before`; returns the ids removed. */
export function resetTab(tab: TabState, before = Infinity): string[] {
  const gone: string[] = [];
  for (const [id, r] of tab.records) {
    if (r.startedAt >= before) continue;
    drop(tab, id);
    gone.push(id);
  }
  tab.recent = tab.recent.filter((id) => tab.records.has(id));
  return gone;
}
