import { describe, expect, it } from 'vitest';
import { LIMITS } from '../shared/limits.ts';
import { nextSettle, settleSuccesses } from './successes.ts';
import { applyCapture, createTabState, resetTab, type CaptureEvent, type TabState } from './tab-store.ts';
import { ev, PAGE } from './test-support.ts';

const play = (tab: TabState, events: CaptureEvent[]) =>
  events.flatMap((e) => applyCapture(tab, e).changed.map((r) => r.id));
const SETTLE = LIMITS.successSettleMs;
const allowedOk = { 'access-control-allow-origin': PAGE };

describe('allowed exchanges (settled successes)', () => {
  it('settles a response without error as a done, allowed record, once the window has passed', () => {
    const tab = createTabState(1);
    play(tab, [ev.sent('1', { at: 1 }), ev.headers('1', 200, { at: 2, headers: allowedOk })]);
    expect(nextSettle(tab)).toBe(2 + SETTLE);
    expect(settleSuccesses(tab, 1 + SETTLE).changed).toEqual([]); // too early
    const effect = settleSuccesses(tab, 2 + SETTLE);
    expect(effect.changed.map((r) => r.id)).toEqual(['wr-1']);
    const r = tab.records.get('wr-1');
    expect(r).toMatchObject({ done: true, observed: { netError: null, requestHeaders: { origin: PAGE } } });
    expect(r?.observed.hops.map((h) => h.status)).toEqual([200]);
    expect(tab.inFlight.size).toBe(0);
    expect([...tab.allowed]).toEqual(['wr-1']);
    expect(tab.recent).toEqual([]); // annotations and page errors look among failures only
    expect(nextSettle(tab)).toBeNull();
  });

  it('marks a no-cors request (Sec-Fetch-Mode) as such: an opaque response, not a CORS-allowed one', () => {
    const tab = createTabState(1);
    play(tab, [
      ev.sent('1', { at: 1, headers: { 'sec-fetch-mode': 'no-cors' } }),
      ev.headers('1', 200, { at: 2 }),
    ]);
    play(tab, [
      ev.sent('2', { at: 1, headers: { origin: PAGE, 'sec-fetch-mode': 'cors' } }),
      ev.headers('2', 200, { at: 2 }),
    ]);
    settleSuccesses(tab, 2 + SETTLE);
    expect(tab.records.get('wr-1')?.observed.mode).toBe('no-cors');
    expect(tab.records.get('wr-2')?.observed.mode).toBeUndefined();
  });

  it('does not settle a failure, nor a redirect whose next hop was sent, and keeps preflight and hops', () => {
    const tab = createTabState(1);
    const target = 'http://127.0.0.1:8001/t';
    play(tab, [
      ev.sent('1', { at: 1 }),
      ev.headers('1', 200, { at: 2 }),
      ev.failed('1', { at: 3 }),
      ev.preflight('4', 'PUT', { at: 4 }),
      ev.headers('4', 204, { at: 5, method: 'OPTIONS' }),
      ev.sent('3', { at: 6, method: 'PUT' }),
      ev.headers('3', 307, { at: 7, method: 'PUT', headers: { location: target } }),
      ev.sent('3', { at: 8, method: 'PUT', url: target, headers: { origin: 'null' } }),
    ]);
    expect(settleSuccesses(tab, 7 + SETTLE).changed).toEqual([]); // the 307 was not final
    play(tab, [ev.headers('3', 200, { at: 9, method: 'PUT', url: target })]);
    expect(settleSuccesses(tab, 9 + SETTLE).changed.map((r) => r.id)).toEqual(['wr-3']);
    const r = tab.records.get('wr-3');
    expect(r?.observed.preflight?.status).toBe(204);
    expect(r?.observed.hops.map((h) => h.status)).toEqual([307, 200]);
    expect(tab.records.get('wr-1')?.observed.netError).toBe('net::ERR_FAILED');
    expect([...tab.allowed]).toEqual(['wr-3']);
    expect(tab.recent).toEqual(['wr-1']);
  });

  it('turns a settled record into a failure when an error comes after all (same id, re-sent)', () => {
    const tab = createTabState(1);
    play(tab, [ev.sent('1', { at: 1 }), ev.headers('1', 200, { at: 2 })]);
    settleSuccesses(tab, 2 + SETTLE);
    const effect = applyCapture(tab, ev.failed('1', { at: 5_000 }));
    expect(effect.changed.map((r) => r.id)).toEqual(['wr-1']);
    expect(tab.records.get('wr-1')?.observed.netError).toBe('net::ERR_FAILED');
    expect(tab.allowed.size).toBe(0);
    expect(tab.recent).toEqual(['wr-1']);
  });

  it('bounds allowed records in a ring of their own that never evicts a failure', () => {
    const tab = createTabState(1);
    play(tab, [ev.failed('f', { at: 0 })]);
    const evicted: string[] = [];
    for (let i = 0; i < LIMITS.allowedPerTab + 3; i++) {
      play(tab, [ev.sent(String(i), { at: i }), ev.headers(String(i), 200, { at: i })]);
      evicted.push(...settleSuccesses(tab, i + SETTLE).evicted);
    }
    expect(evicted).toEqual(['wr-0', 'wr-1', 'wr-2']);
    expect(tab.allowed.size).toBe(LIMITS.allowedPerTab);
    expect(tab.records.has('wr-f')).toBe(true);
    expect(tab.records.size).toBe(LIMITS.allowedPerTab + 1);
  });

  it('evicts only failures when failures overflow, and rebuilds both rings from stored records', () => {
    const tab = createTabState(1);
    play(tab, [ev.sent('ok', { at: 0 }), ev.headers('ok', 200, { at: 0 })]);
    settleSuccesses(tab, SETTLE);
    const evicted: string[] = [];
    for (let i = 0; i < LIMITS.recordsPerTab + 2; i++)
      evicted.push(...applyCapture(tab, ev.failed(String(i), { at: i + 1 })).evicted);
    expect(evicted).toEqual(['wr-0', 'wr-1']);
    expect(tab.records.has('wr-ok')).toBe(true);
    const rebuilt = createTabState(1, [...tab.records.values()]);
    expect([...rebuilt.allowed]).toEqual(['wr-ok']);
    expect(rebuilt.recent).not.toContain('wr-ok');
    expect(resetTab(rebuilt)).toContain('wr-ok');
    expect(rebuilt.allowed.size).toBe(0);
  });
});
