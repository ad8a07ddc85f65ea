// The tab store's indexes (tab-store.ts), so identity is a lookup, never a scan whose result depends on timing:
// `source:key` → the record holding that source's key, and `source url` → the records touching that URL that this
// source has not reported yet (the only ones its exchange can join). Derived from the records, rebuilt on load.
import type { CapturedExchange, CaptureSource } from '../shared/exchange.ts';
import type { ExchangeRecord } from '../shared/model.ts';
import { LIMITS } from '../shared/limits.ts';
import type { TabState } from './tab-store.ts';

/** The record's URL, its hops', and where its last redirect pointed. */
function urlsOf(r: ExchangeRecord): string[] {
  const hops = r.observed.hops;
  const urls = [r.observed.url, ...hops.map((h) => h.url)];
  const last = hops.at(-1);
  const location =
    last && last.status >= 300 && last.status < 400 ? last.responseHeaders.location : undefined;
  if (typeof location === 'string')
    try {
      urls.push(new URL(location, last?.url).href);
    } catch {
      // not a URL: nothing to match
    }
  return urls;
}

export const touchesUrl = (r: ExchangeRecord, url: string): boolean => urlsOf(r).includes(url);

const keyOf = (source: string, key: string): string => `${source}:${key}`;

/** Content identity: the exchange and the record describe the same request — same method, one of the record's
 * URLs, started within `matchWindowMs` (ids of the two sources are unrelated counters, so only content can join
 * them: docs/chromium-behaviour.md#webrequest). */
const sameRequest = (r: ExchangeRecord, x: CapturedExchange): boolean =>
  r.observed.method === x.request.method &&
  Math.abs(r.startedAt - x.startedAt) <= LIMITS.matchWindowMs &&
  touchesUrl(r, x.request.url);

/** Identity: the record that holds this source's key (an index, not a scan: re-sends and corrections always find
 * their record, however old); else the record this source has not reported that is the same request, started
 * closest in time; else none, and the exchange makes a new one. Either source may come first: the second joins
 * the first's record, so each request makes one record whatever the order or delay (a burst of identical requests
 * may pair them crosswise, which changes no count and no verdict). */
export function find(tab: TabState, x: CapturedExchange, source: CaptureSource): ExchangeRecord | undefined {
  const id = tab.keys.get(keyOf(source, x.key));
  if (id !== undefined) return tab.records.get(id);
  let best: ExchangeRecord | undefined;
  for (const rid of tab.open.get(`${source} ${x.request.url}`) ?? []) {
    const r = tab.records.get(rid);
    if (!r || !sameRequest(r, x)) continue;
    if (!best || Math.abs(r.startedAt - x.startedAt) < Math.abs(best.startedAt - x.startedAt)) best = r;
  }
  return best;
}

const SOURCES: CaptureSource[] = ['webRequest', 'devtools'];

/** The `open` entries of a record: each of its URLs, for each source it still lacks. */
const openKeys = (r: ExchangeRecord): string[] =>
  SOURCES.filter((src) => r.sources?.[src] === undefined).flatMap((src) =>
    urlsOf(r).map((u) => `${src} ${u}`),
  );

export function index(tab: TabState, r: ExchangeRecord): void {
  for (const [source, key] of Object.entries(r.sources ?? {})) tab.keys.set(keyOf(source, key), r.id);
  for (const k of openKeys(r)) {
    const ids = tab.open.get(k) ?? new Set();
    tab.open.set(k, ids.add(r.id));
  }
}

export function unindex(tab: TabState, r: ExchangeRecord, keys = false): void {
  if (keys) for (const [source, key] of Object.entries(r.sources ?? {})) tab.keys.delete(keyOf(source, key));
  for (const k of openKeys(r)) {
    const ids = tab.open.get(k);
    ids?.delete(r.id);
    if (ids?.size === 0) tab.open.delete(k);
  }
}
