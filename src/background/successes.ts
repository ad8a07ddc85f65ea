// Allowed cross-origin exchanges, decided without an onCompleted listener (one dispatch less per request,
// bench/overhead.bench.ts): a request whose final response headers arrived and that saw no error and no further
// hop within `successSettleMs` is done and allowed. A CORS failure's onErrorOccurred follows its response headers
// within about 1 ms (docs/chromium-behaviour.md#webrequest), so the settle window is far wider than the race; an error
// that still comes later (a body cut off, an abort) turns the record into a failure (tab-store.ts).
// Allowed records live in the tab's ring with a cap of their own, so they can never evict a failure.
import { LIMITS } from '../shared/limits.ts';
import type { ExchangeRecord } from '../shared/model.ts';
import { headerValue } from './headers.ts';
import type { Effect, TabState } from './tab-store.ts';

export const isAllowedRecord = (r: ExchangeRecord): boolean => r.done && r.observed.netError === null;

/** Response headers arrived for a request in flight: it settles unless something else happens to it first. */
export function markSettling(tab: TabState, id: string, at: number): void {
  tab.settling.delete(id); // re-inserted: the map stays ordered by time
  tab.settling.set(id, at);
}

/** Puts a finished allowed exchange into the ring; returns the allowed ids it evicted (never a failure's). */
export function keepAllowed(tab: TabState, rec: ExchangeRecord): string[] {
  tab.settling.delete(rec.id);
  // webRequest cannot tell a `no-cors` fetch, but Sec-Fetch-Mode can (to trustworthy URLs): an opaque response,
  // not a CORS-allowed one. A failure keeps the engine's default mode, as before.
  if (headerValue(rec.observed.requestHeaders ?? {}, 'sec-fetch-mode') === 'no-cors')
    rec.observed.mode = 'no-cors';
  tab.records.set(rec.id, rec);
  tab.allowed.add(rec.id);
  const evicted: string[] = [];
  for (const oldest of tab.allowed) {
    if (tab.allowed.size <= LIMITS.allowedPerTab) break;
    tab.allowed.delete(oldest);
    tab.records.delete(oldest);
    evicted.push(oldest);
  }
  return evicted;
}

/** An allowed record that failed after all: it leaves the allowed ring (the caller puts it among failures). */
export function unsettle(tab: TabState, id: string): boolean {
  tab.settling.delete(id);
  return tab.allowed.delete(id);
}

/** Completes every request whose response headers are at least `successSettleMs` old at `now`. */
export function settleSuccesses(tab: TabState, now: number): Effect {
  const changed: ExchangeRecord[] = [];
  const evicted: string[] = [];
  for (const [id, at] of tab.settling) {
    if (now - at < LIMITS.successSettleMs) break;
    tab.settling.delete(id);
    const rec = tab.inFlight.get(id);
    if (!rec || rec.done) continue; // aged out of the in-flight table meanwhile
    tab.inFlight.delete(id);
    tab.hopRequests.delete(id);
    rec.done = true;
    changed.push(rec);
    evicted.push(...keepAllowed(tab, rec));
  }
  const gone = new Set(evicted);
  return { changed: changed.filter((r) => !gone.has(r.id)), evicted };
}

/** When the next settle is due (epoch ms), or null when nothing is settling. */
export function nextSettle(tab: TabState): number | null {
  const first = tab.settling.values().next();
  return first.done ? null : first.value + LIMITS.successSettleMs;
}
