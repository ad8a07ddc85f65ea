import { describe, expect, it } from 'vitest';
import { LIMITS } from '../shared/limits.ts';
import type { CapturedExchange } from '../shared/exchange.ts';
import { createWebRequestAssembler, type CaptureEvent } from './web-request-exchanges.ts';
import { API, ev, PAGE } from './test-support.ts';

/** An assembler on a hand-driven clock: `play` feeds events at their own times, `tick` runs due timers. */
function harness() {
  let now = 0;
  const timers: { at: number; cb: () => void }[] = [];
  const out: CapturedExchange[] = [];
  const a = createWebRequestAssembler({
    now: () => now,
    setTimer: (cb, ms) => timers.push({ at: now + ms, cb }),
    emit: (x) => out.push(structuredClone(x)),
  });
  const tick = (to: number): void => {
    now = to;
    for (const t of timers.splice(0))
      if (t.at <= now) t.cb();
      else timers.push(t);
  };
  const play = (events: CaptureEvent[], sameOrigin = false): CapturedExchange[] => {
    for (const e of events) {
      now = Math.max(now, e.at);
      a.apply(e, sameOrigin);
    }
    return out;
  };
  return { play, tick, out };
}

describe('webRequest assembler', () => {
  it('records a resource load only in CORS mode, with its kind; a plain <img> and a load seen only from its response are not', () => {
    const { play } = harness();
    const img = { 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' };
    const font = { origin: PAGE, 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'font' };
    const out = play([
      ev.sent('1', { at: 1, type: 'image', headers: img }),
      ev.failed('1', { at: 2, type: 'image' }),
      ev.headers('2', 200, { at: 3, type: 'image' }),
      ev.failed('2', { at: 4, type: 'image' }),
      ev.sent('3', { at: 5, type: 'font', headers: font }),
      ev.headers('3', 200, { at: 6, type: 'font' }),
      ev.failed('3', { at: 7, type: 'font' }),
      ev.failed('4', { at: 8, type: 'main_frame' }),
    ]);
    expect(out.map((x) => [x.key, x.kind, x.request.headers])).toEqual([['3', 'font', font]]);
  });

  it("drops a font's cache-only probe (net::ERR_CACHE_MISS): Chrome makes the request again at once", () => {
    const { play } = harness();
    const font = { origin: PAGE, 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'font' };
    const out = play([
      ev.sent('1', { at: 1, type: 'font', headers: font }),
      ev.headers('1', 200, { at: 2, type: 'font' }),
      { ...ev.failed('1', { at: 3, type: 'font' }), error: 'net::ERR_CACHE_MISS' } as CaptureEvent,
      ev.sent('2', { at: 4, type: 'font', headers: font }),
      ev.headers('2', 200, { at: 5, type: 'font' }),
      ev.failed('2', { at: 6, type: 'font' }),
    ]);
    expect(out.map((x) => [x.key, x.error])).toEqual([['2', 'net::ERR_FAILED']]);
  });

  it('a simple failure: request headers, the response that failed, the error — one exchange', () => {
    const { play } = harness();
    const out = play([
      ev.sent('5', { at: 10 }),
      ev.headers('5', 200, { at: 12, headers: { 'content-type': 'text/plain' } }),
      ev.failed('5', { at: 13 }),
    ]);
    expect(out).toEqual([
      {
        key: '5',
        tabId: 1,
        frameId: 0,
        kind: null,
        pageOrigin: PAGE,
        startedAt: 10,
        endedAt: 13,
        request: { url: `${API}/a`, method: 'GET', headers: { origin: PAGE } },
        preflight: null,
        hops: [
          {
            url: `${API}/a`,
            method: 'GET',
            requestHeaders: { origin: PAGE },
            status: 200,
            responseHeaders: { 'content-type': 'text/plain' },
          },
        ],
        error: 'net::ERR_FAILED',
        callSite: null,
      },
    ]);
  });

  it('links a failed preflight to its request by content (the request itself gets only an error)', () => {
    const { play } = harness();
    const out = play([
      ev.preflight('9', 'PUT', { at: 100 }),
      ev.headers('9', 405, { at: 101, method: 'OPTIONS' }),
      ev.failed('8', { at: 102, method: 'PUT' }),
    ]);
    expect(out.map((x) => x.key)).toEqual(['8']); // the preflight is no exchange of its own
    expect(out[0]?.preflight).toMatchObject({ method: 'OPTIONS', status: 405 });
    expect(out[0]?.hops).toEqual([]);
    expect(out[0]?.request.headers).toBeNull(); // never sent
    expect(out[0]?.startedAt).toBe(100);
  });

  it('pairs identical concurrent preflights with their requests in order, and ignores other methods, URLs and frames', () => {
    const { play } = harness();
    const out = play([
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
    expect(out.map((x) => [x.key, x.preflight?.status ?? null])).toEqual([
      ['3', 204],
      ['1', 500],
      ['5', null],
    ]);
  });

  it('does not link a preflight older than the window', () => {
    const { play } = harness();
    const out = play([
      ev.preflight('2', 'POST', { at: 0 }),
      ev.failed('1', { at: LIMITS.preflightLinkWindowMs + 1, method: 'POST' }),
    ]);
    expect(out[0]?.preflight).toBeNull();
  });

  it('chains redirect hops, each with the request headers of its hop (Origin: null after a tainting redirect)', () => {
    const { play } = harness();
    const target = 'http://127.0.0.1:8001/t';
    const [x] = play([
      ev.sent('5', { at: 1 }),
      ev.headers('5', 302, { at: 2, headers: { location: target } }),
      ev.sent('5', { at: 3, url: target, headers: { origin: 'null' } }),
      ev.headers('5', 200, { at: 4, url: target }),
      ev.failed('5', { at: 5, url: target }),
    ]);
    expect(x?.request.url).toBe(`${API}/a`);
    expect(x?.hops.map((h) => [h.url, h.status, h.requestHeaders.origin])).toEqual([
      [`${API}/a`, 302, PAGE],
      [target, 200, 'null'],
    ]);
  });

  it('settles a success once its final headers are successSettleMs old; a later hop or error restarts or ends it', () => {
    const { play, tick, out } = harness();
    play([ev.sent('1', { at: 1 }), ev.headers('1', 200, { at: 2 })]);
    play([ev.sent('2', { at: 3 }), ev.headers('2', 302, { at: 4 }), ev.sent('2', { at: 5 })]);
    tick(2 + LIMITS.successSettleMs - 1);
    expect(out).toEqual([]);
    tick(5 + LIMITS.successSettleMs);
    expect(out.map((x) => [x.key, x.error])).toEqual([['1', null]]); // '2' is waiting for its next response
    play([ev.failed('1', { at: 1_000 })]); // an error after all: the same exchange again, failed
    expect(out.map((x) => [x.key, x.error])).toEqual([
      ['1', null],
      ['1', 'net::ERR_FAILED'],
    ]);
  });

  it('ignores same-origin traffic unless it is part of a chain already followed, and bounds what is in flight', () => {
    const { play, tick, out } = harness();
    play([ev.sent('1', { at: 1 }), ev.headers('1', 200, { at: 2 })], true);
    tick(1_000);
    expect(out).toEqual([]);
    for (let i = 0; i < LIMITS.inFlightMax + 10; i++) play([ev.sent(`n${String(i)}`, { at: 2 })]);
    play([ev.failed('n0', { at: 3 })]); // forgotten: reported with what the error says, nothing more
    expect(out[0]?.request.headers).toBeNull();
  });
});
