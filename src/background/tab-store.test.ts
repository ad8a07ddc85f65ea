import { describe, expect, it } from 'vitest';
import { LIMITS } from '../shared/limits.ts';
import { applyCapture, createTabState, resetTab, type CaptureEvent, type TabState } from './tab-store.ts';
import { API, ev, PAGE } from './test-support.ts';

const play = (tab: TabState, events: CaptureEvent[]) => events.map((e) => applyCapture(tab, e));

describe('tab store', () => {
  it('records a simple failure: request headers, the response that failed, the error', () => {
    const tab = createTabState(1);
    play(tab, [
      ev.sent('5', { at: 10 }),
      ev.headers('5', 200, { at: 12, headers: { 'content-type': 'text/plain' } }),
      ev.failed('5', { at: 13 }),
    ]);
    const r = tab.records.get('wr-5');
    expect(r).toMatchObject({
      id: 'wr-5',
      tabId: 1,
      frameId: 0,
      startedAt: 10,
      done: true,
      callSite: null,
      pageError: null,
    });
    expect(r?.observed).toEqual({
      pageOrigin: PAGE,
      method: 'GET',
      url: `${API}/a`,
      requestHeaders: { origin: PAGE },
      hops: [
        {
          url: `${API}/a`,
          method: 'GET',
          requestHeaders: { origin: PAGE },
          status: 200,
          responseHeaders: { 'content-type': 'text/plain' },
        },
      ],
      netError: 'net::ERR_FAILED',
      pageSecure: true,
    });
  });

  it('links a failed preflight to its request by content (the request itself gets only an error)', () => {
    const tab = createTabState(1);
    play(tab, [
      ev.preflight('9', 'PUT', { at: 100 }),
      ev.headers('9', 405, { at: 101, method: 'OPTIONS' }),
      ev.completed('9', { at: 101, method: 'OPTIONS' }),
      ev.failed('8', { at: 102, method: 'PUT' }),
    ]);
    expect([...tab.records.keys()]).toEqual(['wr-8']); // the preflight is no record of its own
    const r = tab.records.get('wr-8');
    expect(r?.observed.preflight).toMatchObject({ method: 'OPTIONS', status: 405 });
    expect(r?.observed.hops).toEqual([]);
    expect(r?.observed.requestHeaders).toBeUndefined(); // never sent
    expect(r?.startedAt).toBe(100);
  });

  it('pairs identical concurrent preflights with their requests in order, and ignores other methods, URLs and frames', () => {
    const tab = createTabState(1);
    play(tab, [
      ev.preflight('2', 'POST', { at: 1 }),
      ev.preflight('4', 'POST', { at: 2 }),
      ev.preflight('6', 'PUT', { at: 2, url: `${API}/other` }),
      ev.preflight('7', 'POST', { at: 2, frameId: 3 }),
      ev.headers('2', 204, { at: 3, method: 'OPTIONS' }),
      ev.headers('4', 500, { at: 3, method: 'OPTIONS' }),
      ev.failed('3', { at: 4, method: 'POST' }),
      ev.failed('1', { at: 5, method: 'POST' }),
      ev.failed('5', { at: 5, method: 'PUT' }),
    ]);
    expect(tab.records.get('wr-3')?.observed.preflight?.status).toBe(204);
    expect(tab.records.get('wr-1')?.observed.preflight?.status).toBe(500);
    expect(tab.records.get('wr-5')?.observed.preflight).toBeUndefined();
  });

  it('does not link a preflight older than the window', () => {
    const tab = createTabState(1);
    play(tab, [
      ev.preflight('2', 'POST', { at: 0 }),
      ev.failed('1', { at: LIMITS.preflightLinkWindowMs + 1, method: 'POST' }),
    ]);
    expect(tab.records.get('wr-1')?.observed.preflight).toBeUndefined();
  });

  it('fills a preflight answered after its request was recorded, and re-sends the request', () => {
    const tab = createTabState(1);
    play(tab, [ev.preflight('2', 'POST', { at: 1 }), ev.failed('1', { at: 2, method: 'POST' })]);
    const [effect] = play(tab, [ev.headers('2', 204, { at: 3, method: 'OPTIONS' })]);
    expect(effect?.changed.map((r) => r.id)).toEqual(['wr-1']);
    expect(tab.records.get('wr-1')?.observed.preflight?.status).toBe(204);
  });

  it('chains redirect hops, each with the request headers of its hop (Origin: null after a tainting redirect)', () => {
    const tab = createTabState(1);
    const target = 'http://127.0.0.1:8001/t';
    play(tab, [
      ev.sent('5', { at: 1 }),
      ev.headers('5', 302, { at: 2, headers: { location: target } }),
      ev.sent('5', { at: 3, url: target, headers: { origin: 'null' } }),
      ev.headers('5', 200, { at: 4, url: target }),
      ev.failed('5', { at: 5, url: target }),
    ]);
    const r = tab.records.get('wr-5');
    expect(r?.observed.url).toBe(`${API}/a`);
    expect(r?.observed.hops.map((h) => [h.url, h.status, h.requestHeaders.origin])).toEqual([
      [`${API}/a`, 302, PAGE],
      [target, 200, 'null'],
    ]);
  });

  it('keeps a success in flight, unsent, until it settles (successes.ts) or ages out', () => {
    const tab = createTabState(1);
    const effects = play(tab, [
      ev.sent('1', { at: 1 }),
      ev.headers('1', 200, { at: 2 }),
      ev.completed('2', { at: 3 }),
    ]);
    expect(effects.every((e) => e.changed.length === 0)).toBe(true);
    expect(tab.records.size).toBe(0);
    expect(tab.inFlight.size).toBe(1);
    expect([...tab.settling]).toEqual([['wr-1', 2]]);
    applyCapture(tab, ev.sent('3', { at: 2 + LIMITS.inFlightMaxAgeMs }));
    expect([...tab.inFlight.keys()]).toEqual(['wr-3']);
    expect(tab.settling.size).toBe(0);
  });

  it('bounds requests in flight', () => {
    const tab = createTabState(1);
    for (let i = 0; i < LIMITS.inFlightPerTab + 10; i++) applyCapture(tab, ev.sent(String(i), { at: 1 }));
    expect(tab.inFlight.size).toBe(LIMITS.inFlightPerTab);
  });

  it('keeps a bounded ring: the oldest records go first and are reported evicted', () => {
    const tab = createTabState(1);
    const evicted: string[] = [];
    for (let i = 0; i < LIMITS.recordsPerTab + 3; i++)
      evicted.push(...applyCapture(tab, ev.failed(String(i), { at: i })).evicted);
    expect(tab.records.size).toBe(LIMITS.recordsPerTab);
    expect(evicted).toEqual(['wr-0', 'wr-1', 'wr-2']);
    expect(tab.records.keys().next().value).toBe('wr-3');
  });

  it('bounds waiting preflights', () => {
    const tab = createTabState(1);
    for (let i = 0; i < LIMITS.pendingPreflightsPerTab * 2; i++)
      applyCapture(tab, ev.preflight(String(i), 'PUT', { at: 1 }));
    expect(tab.preflights.length).toBe(LIMITS.pendingPreflightsPerTab);
  });

  it('resets everything, or only what started before a navigation', () => {
    const tab = createTabState(1);
    play(tab, [ev.failed('1', { at: 1 }), ev.failed('2', { at: 10 })]);
    expect(resetTab(tab, 5)).toEqual(['wr-1']);
    expect([...tab.records.keys()]).toEqual(['wr-2']);
    expect(resetTab(tab)).toEqual(['wr-2']);
    expect(tab.records.size).toBe(0);
  });
});
