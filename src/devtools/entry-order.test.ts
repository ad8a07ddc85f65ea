import { describe, expect, it } from 'vitest';
import { createEntryOrder } from './entry-order.ts';
import type { HarEntryLike } from './har-exchanges.ts';

const entry = (
  url: string,
  start: number,
  over: Partial<HarEntryLike['response']> = {},
  type = 'fetch',
): HarEntryLike => ({
  startedDateTime: new Date(start).toISOString(),
  request: { method: 'GET', url },
  response: { status: 200, _error: 'net::ERR_FAILED', ...over },
  _resourceType: type,
});

function rig(har: HarEntryLike[] = []) {
  const timers: { cb: () => void; ms: number }[] = [];
  const out: HarEntryLike[] = [];
  const push = createEntryOrder({
    getHar: () => Promise.resolve(har),
    setTimer: (cb, ms) => timers.push({ cb, ms }),
    emit: (e) => out.push(e),
  });
  const fire = async () => {
    for (const t of timers.splice(0)) t.cb();
    await Promise.resolve();
    await Promise.resolve();
  };
  return { push, out, fire, timers };
}

describe('DevTools entry order', () => {
  it('releases a window of entries preflights first, then by start: swapped redirect hops come back in order', async () => {
    const r = rig();
    r.push(entry('http://b/2', 2_000));
    r.push(entry('http://b/1', 1_000, { status: 302, _error: null }));
    r.push(entry('http://b/p', 3_000, {}, 'preflight'));
    expect(r.out).toEqual([]);
    await r.fire();
    expect(r.out.map((e) => e.request.url)).toEqual(['http://b/p', 'http://b/1', 'http://b/2']);
  });

  it('reads a failure DevTools finished without its response again from getHAR, and keeps a real no-answer', async () => {
    const late = entry('http://b/late', 1_000, { status: 0 });
    const none = entry('http://b/none', 1_001, { status: 0 });
    const r = rig([entry('http://b/late', 1_000, { status: 200 }), none]);
    r.push(late);
    r.push(none);
    await r.fire(); // the reorder window
    expect(r.out).toEqual([]);
    expect(r.timers.map((t) => t.ms)).toEqual([150]);
    await r.fire(); // the getHAR re-read
    expect(r.out.map((e) => [e.request.url, e.response.status])).toEqual([
      ['http://b/late', 200],
      ['http://b/none', 0],
    ]);
  });
});
