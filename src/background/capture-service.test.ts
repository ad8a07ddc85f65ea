import { describe, expect, it, vi } from 'vitest';
import type { AllTabsState, DevtoolsExchange, PanelEvent } from '../shared/protocol.ts';
import { LIMITS } from '../shared/limits.ts';
import { createCaptureService } from './capture-service.ts';
import { createPanelRouter } from './panel-router.ts';
import { createPersistence } from './persistence.ts';
import { API, PAGE, ev, fakePort, fakeStorage, settle, storedRecords } from './test-support.ts';
import { createWebRequestAssembler, type CaptureEvent } from './web-request-exchanges.ts';
import type { CapturedExchange, Hop } from '../shared/exchange.ts';
import type { HeaderMap } from '../engine/types.ts';

type WireExchange = DevtoolsExchange['exchanges'][number];
const pairs = (h: HeaderMap | null) =>
  Object.entries(h ?? {}).map(([name, value]) => ({ name, value: String(value) }));
const wireHop = (h: Hop) => ({
  ...h,
  requestHeaders: pairs(h.requestHeaders),
  responseHeaders: pairs(h.responseHeaders),
});
const toWire = (x: CapturedExchange): WireExchange => ({
  ...x,
  frameId: null,
  request: { ...x.request, headers: x.request.headers && pairs(x.request.headers) },
  preflight: x.preflight && wireHop(x.preflight),
  hops: x.hops.map(wireHop),
});

/** One worker instance over a storage that outlives it: a restart is a second call on the same storage. */
function boot(
  storage = fakeStorage(),
  clock = { now: 1_000 },
  allTabs: AllTabsState = 'off',
  ownersOf?: (origin: string) => number[],
  /** Storage writes wait as the worker's policy says (index.ts), not at the end of every task. */
  policy = false,
) {
  const timers: (() => void)[] = [];
  /** What the worker asked the devtools pages to read again, per tab. */
  const rereads: [number, string[]][] = [];
  // eslint-disable-next-line prefer-const -- the router and the service refer to each other
  let service: ReturnType<typeof createCaptureService>;
  const router = createPanelRouter({
    snapshot: (t) => service.snapshot(t),
    command: (t, c) => {
      service.command(t, c);
    },
  });
  service = createCaptureService({
    persistence: createPersistence(
      storage,
      () => undefined,
      policy ? (r) => service.persistDelayMs(r) : undefined,
    ),
    router: () => router,
    loadAllTabs: () => Promise.resolve(allTabs),
    now: () => clock.now,
    setTimer: (cb) => timers.push(cb),
    reread: (tabId, ids) => rereads.push([tabId, ids]),
    ...(ownersOf ? { ownersOf } : {}),
  });
  // The tab store is the same whatever the source. With "Record all tabs" webRequest events go to the worker;
  // otherwise (DevTools' log is the source) the same events are assembled here and arrive as DevTools' exchanges.
  const asDevtools = createWebRequestAssembler({
    now: () => clock.now,
    setTimer: (cb) => timers.push(cb),
    emit: (x) => {
      service.exchange(x.tabId, { type: 'exchange', tabId: x.tabId, n: 0, exchanges: [toWire(x)] });
    },
  });
  const capture = (e: CaptureEvent, sameOrigin = false) => {
    if (allTabs === 'on') service.capture({ ...e, sameOrigin });
    else asDevtools.apply(e, sameOrigin);
  };
  return { service, router, storage, timers, rereads, capture, clock };
}

const events = (p: ReturnType<typeof fakePort>) => p.posted.map((m) => (m as { msg: PanelEvent }).msg);

describe('capture service', () => {
  it('records only inspected tabs, and wants no webRequest event unless "Record all tabs" is on', async () => {
    const w = boot();
    w.service.warm();
    await settle();
    expect(w.service.wantsWebRequest()).toBe(false);
    const release = w.service.inspect(1);
    w.service.capture({ ...ev.failed('9', { at: 1 }), sameOrigin: false }); // not in effect: ignored
    w.capture(ev.failed('1', { at: 1 }));
    w.capture(ev.failed('2', { at: 1, tabId: 2 }));
    w.capture(ev.failed('3', { at: 1, url: 'http://localhost:3000/same' }), true);
    await settle();
    expect(w.service.stats()).toEqual({ tabs: 1, records: 1 });
    release();
    expect(w.service.isRecorded(1)).toBe(false);
  });

  it('sends deltas with consecutive sequence numbers, one per record per task', async () => {
    const w = boot();
    w.service.inspect(1);
    const p = fakePort();
    w.router.connect(p, 1);
    await settle();
    w.capture(ev.sent('1', { at: 1 }));
    w.capture(ev.headers('1', 200, { at: 2 }));
    w.capture(ev.failed('1', { at: 3 }));
    await settle();
    w.capture(ev.failed('2', { at: 4 }));
    await settle();
    expect(events(p).map((e) => [e.type, e.seq])).toEqual([
      ['snapshot', 0],
      ['record', 1],
      ['record', 2],
    ]);
  });

  it('survives a restart: the new instance rebuilds lazily from storage and finishes half-seen requests', async () => {
    const first = boot();
    first.service.inspect(1);
    first.capture(ev.failed('1', { at: 1 }));
    first.capture(ev.sent('2', { at: 2 }));
    await settle();
    // The worker is stopped here: no release, no flush beyond what already happened.
    const second = boot(first.storage);
    second.capture(ev.headers('2', 500, { at: 3 }));
    second.capture(ev.failed('2', { at: 4 }));
    const p = fakePort();
    second.router.connect(p, 1);
    await settle();
    const snap = events(p)[0];
    expect(snap?.type).toBe('snapshot');
    const recs = snap?.type === 'snapshot' ? snap.records : [];
    expect(recs.map((r) => [r.id, r.done, r.observed.hops.map((h) => h.status)])).toEqual([
      ['d:1', true, []],
      ['d:2', true, [500]],
    ]);
    expect(snap?.seq).toBe(2); // continues the first instance's numbering (1): only failures are sent
  });

  it('after a restart, a tab whose DevTools did not come back stops being recorded after the grace period', async () => {
    const first = boot();
    first.service.inspect(1);
    await settle();
    const second = boot(first.storage);
    second.service.warm();
    await settle();
    expect(second.service.isRecorded(1)).toBe(true);
    for (const t of second.timers) t();
    expect(second.service.isRecorded(1)).toBe(false);
  });

  it('clears on navigation unless Preserve log is on, and drops a closed tab from storage', async () => {
    const w = boot();
    w.service.inspect(1);
    w.capture(ev.failed('1', { at: 1 }));
    w.service.navigated(1, 5);
    w.capture(ev.failed('2', { at: 6 }));
    await settle();
    expect(w.service.stats().records).toBe(1);
    w.service.command(1, { type: 'set-preserve-log', tabId: 1, value: true });
    w.service.navigated(1, 10);
    await settle();
    expect(w.service.stats().records).toBe(1);
    w.service.tabClosed(1);
    await settle();
    expect([...w.storage.data.keys()].filter((k) => k.startsWith('r:') || k.startsWith('t:'))).toEqual([]);
  });

  it('lets a page error annotate only a failure webRequest saw', async () => {
    const w = boot();
    w.service.inspect(1);
    const err = { url: null, at: null, error: { message: 'TypeError: Failed to fetch', stack: 's' } };
    w.service.pageError(1, 0, err);
    await settle();
    expect(w.service.stats().records).toBe(0);
    w.capture(ev.failed('1', { at: 1_000, url: `${API}/x` }));
    await settle();
    const p = fakePort();
    w.router.connect(p, 1);
    await settle();
    const snap = events(p)[0];
    expect(snap?.type === 'snapshot' && snap.records[0]?.pageError?.message).toBe(
      'TypeError: Failed to fetch',
    );
  });

  it('attaches Chrome’s verdict (precise mode) to its failure, before or after the failure arrives', async () => {
    const w = boot();
    w.service.inspect(1);
    w.capture(ev.failed('1', { at: 1, url: `${API}/a` }));
    w.service.verdict(1, { url: `${API}/b`, corsError: 'AllowOriginMismatch', failedParameter: 'x' });
    w.service.verdict(1, { url: `${API}/a`, corsError: 'MissingAllowOriginHeader', failedParameter: '' });
    w.capture(ev.failed('2', { at: 2, url: `${API}/b` }));
    const p = fakePort();
    w.router.connect(p, 1);
    await settle();
    const snap = events(p)[0];
    const recs = snap?.type === 'snapshot' ? snap.records : [];
    expect(recs.map((r) => r.observed.chromeVerdict?.corsError)).toEqual([
      'MissingAllowOriginHeader',
      'AllowOriginMismatch',
    ]);
  });

  it("keeps Chrome's verdicts for a burst of failures that DevTools' log reports later, each for its own record", async () => {
    const w = boot();
    w.service.inspect(1);
    const n = 100;
    for (let i = 0; i < n; i++)
      w.service.verdict(1, {
        url: `${API}/v${String(i)}`,
        corsError: 'MissingAllowOriginHeader',
        failedParameter: '',
      });
    for (let i = 0; i < n; i++) w.capture(ev.failed(String(i), { at: i, url: `${API}/v${String(i)}` }));
    const snap = await w.service.snapshot(1);
    const recs = snap.type === 'snapshot' ? snap.records : [];
    expect(recs).toHaveLength(n);
    expect(
      recs.filter((r) => r.observed.chromeVerdict?.corsError === 'MissingAllowOriginHeader'),
    ).toHaveLength(n);
  });

  it("keeps a verdict that came just before the news of a navigation (the new page's first load), not older ones", async () => {
    const w = boot();
    w.service.inspect(1);
    const verdict = (path: string) => ({
      url: `${API}/${path}`,
      corsError: 'MissingAllowOriginHeader',
      failedParameter: '',
    });
    w.service.verdict(1, verdict('old')); // at 1 000
    await settle();
    w.clock.now = 4_000;
    w.service.verdict(1, verdict('new'));
    w.service.navigated(1, 4_100);
    w.capture(ev.failed('1', { at: 4_200, url: `${API}/old` }));
    w.capture(ev.failed('2', { at: 4_201, url: `${API}/new` }));
    const snap = await w.service.snapshot(1);
    const recs = snap.type === 'snapshot' ? snap.records : [];
    expect(recs.map((r) => [r.observed.url, r.observed.chromeVerdict?.corsError ?? null])).toEqual([
      [`${API}/old`, null],
      [`${API}/new`, 'MissingAllowOriginHeader'],
    ]);
  });

  it('makes room in storage.session by dropping the oldest stored records, keeping them in memory', async () => {
    const w = boot();
    w.service.inspect(1);
    for (let i = 0; i < 20; i++) w.capture(ev.failed(String(i), { at: i }));
    await settle();
    w.service.trimForQuota();
    await settle();
    expect(w.service.stats().records).toBe(20);
    const stored = [...w.storage.data.keys()].filter((k) => k.startsWith('r:1:'));
    expect(stored).toHaveLength(16);
    w.service.trimForQuota(); // within the same second: ignored, so a burst of failed writes cannot cascade
    await settle();
    expect([...w.storage.data.keys()].filter((k) => k.startsWith('r:1:'))).toHaveLength(16);
    expect(stored).not.toContain('r:1:d:0');
  });

  it('sends allowed exchanges once they settle: one timer for a burst, one write, a record delta each', async () => {
    const w = boot();
    w.service.inspect(1);
    const p = fakePort();
    w.router.connect(p, 1);
    await settle();
    const timersBefore = w.timers.length;
    for (let i = 0; i < 5; i++) {
      w.capture(ev.sent(`ok${i}`, { at: i }));
      w.capture(
        ev.headers(`ok${i}`, 200, {
          at: i + 1,
          headers: { 'access-control-allow-origin': 'http://localhost:3000' },
        }),
      );
    }
    w.capture(ev.sent('bad', { at: 6 }));
    w.capture(ev.headers('bad', 200, { at: 7 }));
    w.capture(ev.failed('bad', { at: 8 }));
    await settle();
    expect(events(p).map((e) => e.type)).toEqual(['snapshot', 'record']); // the failure, as before
    expect(w.timers.length - timersBefore).toBe(1);
    const writes = w.storage.writes;
    w.timers.at(-1)?.(); // early (the window starts when the worker got the headers): nothing settles
    await settle();
    expect(events(p)).toHaveLength(2);
    w.clock.now += LIMITS.successSettleMs;
    w.timers.at(-1)?.();
    await settle();
    expect(w.storage.writes - writes).toBe(1);
    const deltas = events(p).slice(2);
    expect(
      deltas.map((e) =>
        e.type === 'record' ? [e.record.id, e.record.done, e.record.observed.netError] : e.type,
      ),
    ).toEqual([0, 1, 2, 3, 4].map((i) => [`d:ok${i}`, true, null]));
    expect([...w.storage.data.keys()].filter((k) => k.startsWith('r:1:')).sort()).toHaveLength(6);
  });

  it('makes room in storage.session with allowed records first, never a failure while one is left', async () => {
    const w = boot();
    w.service.inspect(1);
    for (let i = 0; i < 10; i++) w.capture(ev.failed(`f${i}`, { at: i }));
    for (let i = 0; i < 10; i++) {
      w.capture(ev.sent(`ok${i}`, { at: 20 + i }));
      w.capture(ev.headers(`ok${i}`, 200, { at: 20 + i }));
    }
    await settle();
    w.clock.now += LIMITS.successSettleMs;
    for (const t of w.timers.splice(0)) t();
    await settle();
    w.service.trimForQuota();
    await settle();
    const stored = [...w.storage.data.keys()].filter((k) => k.startsWith('r:1:'));
    expect(stored.filter((k) => k.includes('d:f'))).toHaveLength(10);
    expect(stored.filter((k) => k.includes('d:ok'))).toHaveLength(6);
  });

  const exchange = (key: string, over: Partial<WireExchange> = {}): DevtoolsExchange => ({
    type: 'exchange',
    tabId: over.tabId ?? 1,
    n: 0,
    exchanges: [
      {
        key,
        tabId: 1,
        frameId: null,
        kind: 'fetch',
        pageOrigin: PAGE,
        startedAt: 1,
        endedAt: 2,
        request: { url: `${API}/x`, method: 'GET', headers: [{ name: 'Origin', value: PAGE }] },
        preflight: null,
        hops: [{ url: `${API}/x`, method: 'GET', requestHeaders: [], status: 200, responseHeaders: [] }],
        error: 'net::ERR_FAILED',
        callSite: { url: `${PAGE}/app.js`, line: 3, column: 1, functionName: 'load' },
        ...over,
      },
    ],
  });

  it('records a DevTools exchange with its call site in one delta, and a re-sent one (reconnect, restart) once', async () => {
    const first = boot();
    first.service.inspect(1);
    const p = fakePort();
    first.router.connect(p, 1);
    await settle();
    first.service.exchange(1, exchange('s:1'));
    await settle();
    const deltas = events(p).filter((e) => e.type === 'record');
    expect(deltas).toHaveLength(1);
    expect(deltas[0]?.type === 'record' && deltas[0].record.callSite?.line).toBe(3);
    first.service.exchange(1, exchange('s:1'));
    const second = boot(first.storage);
    second.service.inspect(1);
    second.service.exchange(1, exchange('s:1'));
    await settle();
    expect(second.service.stats().records).toBe(1);
    expect(events(p).filter((e) => e.type === 'record')).toHaveLength(1);
  });

  it('says a DevTools exchange is stored only once storage.session holds it (the devtools page keeps it until then)', async () => {
    const storage = fakeStorage();
    let open = (): void => undefined;
    const gate = new Promise<void>((r) => (open = r));
    const set = storage.set.bind(storage);
    storage.set = (items) => gate.then(() => set(items)); // a slow write
    const w = boot(storage);
    w.service.inspect(1);
    const acked: string[][] = [];
    w.service.exchange(1, exchange('s:7'), () => acked.push([...storage.data.keys()]));
    await settle();
    expect(acked).toEqual([]);
    open();
    await settle();
    expect(acked).toHaveLength(1);
    expect(acked[0]).toContain('r:1:d:s:7');
  });

  it('takes a batch of DevTools exchanges in order, each once, and says it is stored once all of it is', async () => {
    const w = boot();
    w.service.inspect(1);
    const p = fakePort();
    w.router.connect(p, 1);
    await settle();
    const [first] = exchange('s:1').exchanges;
    const batch: DevtoolsExchange = {
      type: 'exchange',
      tabId: 1,
      n: 4,
      // s:1 twice: its second report (the response DevTools attached late) comes in the same batch.
      exchanges: [
        { ...(first as WireExchange), hops: [] },
        ...exchange('s:2').exchanges,
        ...exchange('s:1').exchanges,
      ],
    };
    const acked: string[][] = [];
    w.service.exchange(1, batch, () =>
      acked.push([...w.storage.data.keys()].filter((k) => k.startsWith('r:'))),
    );
    await settle();
    expect(acked).toEqual([['r:1:d:s:1', 'r:1:d:s:2']]);
    const stored = await w.service.snapshot(1);
    expect(stored.type === 'snapshot' && stored.records.map((r) => [r.id, r.observed.hops.length])).toEqual([
      ['d:s:1', 1],
      ['d:s:2', 1],
    ]);
  });

  it('"Record all tabs": webRequest records tabs without DevTools; DevTools’ report of the same exchange adds to it', async () => {
    const w = boot(fakeStorage(), { now: 1_000 }, 'on');
    w.service.warm();
    await settle();
    expect(w.service.wantsWebRequest()).toBe(true);
    const url = `${API}/x`;
    w.capture(ev.sent('1', { at: 1, tabId: 5, url }));
    w.capture(ev.headers('1', 200, { at: 1, tabId: 5, url }));
    w.capture(ev.failed('1', { at: 2, tabId: 5, url }));
    w.service.exchange(5, exchange('s:1', { tabId: 5 }));
    await settle();
    const recs = storedRecords(w.storage, 5);
    expect(recs.map((r) => [r.id, r.callSite?.functionName])).toEqual([['w:1', 'load']]);
  });

  it('"Record all tabs": a shared or service worker’s request (no tab) is recorded once in each tab of its origin, as DevTools’ report of it joins', async () => {
    const owners = new Map([[PAGE, [5, 6]]]);
    const w = boot(fakeStorage(), { now: 1_000 }, 'on', (o) => owners.get(o) ?? []);
    w.service.warm();
    await settle();
    const url = `${API}/x`;
    const tabless = { at: 1, tabId: -1, frameId: -1, url };
    w.capture(ev.sent('1', tabless));
    w.capture(ev.headers('1', 200, tabless));
    w.capture(ev.failed('1', { ...tabless, at: 2 }));
    w.service.exchange(5, exchange('s:1', { tabId: 5 })); // DevTools open on tab 5 saw it too
    w.capture(ev.failed('2', { ...tabless, url: `${API}/other` }));
    owners.clear(); // the tabs navigated away: the worker's next request has no owner
    w.capture(ev.failed('3', { ...tabless, url: `${API}/late` }));
    await settle();
    const of = (tabId: number) =>
      storedRecords(w.storage, tabId).map((r) => [r.id, r.frameId, r.observed.url, r.observed.netError]);
    expect(of(5)).toEqual([
      ['w:1', -1, url, 'net::ERR_FAILED'],
      ['w:2', -1, `${API}/other`, 'net::ERR_FAILED'],
    ]);
    expect(of(6)).toEqual(of(5));
    expect([...w.storage.data.keys()].filter((k) => /^r:-1:|late/.test(k))).toEqual([]);
  });

  it('tells the panels when "Record all tabs" changes', async () => {
    const w = boot();
    w.service.inspect(1);
    const p = fakePort();
    w.router.connect(p, 1);
    await settle();
    w.service.setAllTabs('restart');
    await settle();
    expect(events(p).at(-1)).toMatchObject({ type: 'settings', allTabs: 'restart' });
  });

  it('a more complete version of an exchange replaces the record under its id; a failure without response is re-read', async () => {
    const { service, storage, timers, rereads } = boot();
    service.inspect(1);
    const bare = exchange('s:7', { hops: [] });
    service.exchange(1, bare);
    await settle();
    for (const t of timers.splice(0)) t();
    expect(rereads).toEqual([[1, ['s:7']]]);
    service.exchange(1, exchange('s:7')); // with the response DevTools attached late
    service.exchange(1, bare); // an old copy re-sent after a reconnect changes nothing
    await settle();
    const stored = storedRecords(storage, 1);
    expect(stored.map((r) => r.observed.hops.map((h) => h.status))).toEqual([[200]]);
    for (const t of timers.splice(0)) t();
    expect(rereads).toHaveLength(1); // complete now: no second re-read
  });

  it('a preflight DevTools reported without its response is re-read, and its late response reaches the record', async () => {
    const { service, storage, timers, rereads } = boot();
    service.inspect(1);
    const pf = { url: `${API}/x`, method: 'OPTIONS', requestHeaders: [], status: 0, responseHeaders: [] };
    const put = { request: { url: `${API}/x`, method: 'PUT', headers: [] }, hops: [], startedAt: 10 };
    service.exchange(1, exchange('s:2', { ...put, preflight: pf }));
    await settle();
    for (const t of timers.splice(0)) t();
    expect(rereads.flatMap(([, ids]) => ids)).toContain('s:2');
    service.exchange(1, exchange('s:2', { ...put, preflight: { ...pf, status: 302 } }));
    await settle();
    const [rec] = storedRecords(storage, 1);
    expect(rec?.observed.preflight?.status).toBe(302);
  });

  it('"Record all tabs": a navigation Chrome reports clears a tab without DevTools, never an inspected one', async () => {
    const w = boot(fakeStorage(), { now: 1_000 }, 'on');
    w.service.inspect(1);
    for (const tabId of [1, 2]) w.capture(ev.failed(`f${String(tabId)}`, { at: 1, tabId }));
    await settle();
    w.service.tabNavigated(1, 5);
    w.service.tabNavigated(2, 5);
    await settle();
    const stored = [...w.storage.data.keys()].filter((k) => k.startsWith('r:'));
    expect(stored).toEqual(['r:1:w:f1']);
  });

  it("DevTools' log: a failure is in the panel at once and every change waits for one write, acknowledged after it", async () => {
    vi.useFakeTimers();
    try {
      const w = boot(fakeStorage(), { now: 1_000 }, 'off', undefined, true);
      w.service.inspect(1);
      await vi.advanceTimersByTimeAsync(LIMITS.persistAllowedDelayMs);
      const p = fakePort();
      w.router.connect(p, 1);
      await vi.advanceTimersByTimeAsync(0);
      const before = w.storage.writes;
      const acked: number[] = [];
      w.service.exchange(1, exchange('s:1', { error: null }), () => acked.push(w.storage.writes - before));
      w.service.exchange(1, exchange('s:2'), () => acked.push(w.storage.writes - before));
      await vi.advanceTimersByTimeAsync(0);
      expect(events(p).filter((m) => m.type === 'record')).toHaveLength(2); // the panel does not wait
      expect(acked).toEqual([]);
      await vi.advanceTimersByTimeAsync(LIMITS.persistAllowedDelayMs - 1);
      expect(w.storage.writes - before).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(acked).toEqual([1, 1]); // both batches, after the one write that holds them
      expect(storedRecords(w.storage, 1).map((r) => r.id)).toEqual(['d:s:1', 'd:s:2']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('"Record all tabs": a failure is stored at the end of its task, allowed records wait and go together', async () => {
    // Fake timers: the allowed records' window is real time in the worker (limits.ts persistAllowedDelayMs).
    vi.useFakeTimers();
    try {
      const w = boot(fakeStorage(), { now: 1_000 }, 'on', undefined, true);
      w.service.warm();
      await vi.advanceTimersByTimeAsync(0);
      const before = w.storage.writes + w.storage.removes; // the restored inspection set
      /** Calls to storage, set and remove alike. */
      const writes = () => w.storage.writes + w.storage.removes - before;
      const allowed = (id: string, at: number) => {
        w.capture(ev.sent(id, { at }));
        w.capture(ev.headers(id, 200, { at: at + 1, headers: { 'access-control-allow-origin': '*' } }));
      };
      const stored = () => storedRecords(w.storage, 1).map((r) => r.id);
      const settleAll = () => {
        w.clock.now += LIMITS.successSettleMs;
        for (const t of w.timers.splice(0)) t(); // the assembler's settle window: they are finished
      };
      const full = LIMITS.allowedPerTab;
      for (let i = 0; i < full; i++) allowed(`ok${String(i)}`, i);
      settleAll();
      await vi.advanceTimersByTimeAsync(LIMITS.persistAllowedDelayMs - 1);
      expect(writes()).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(stored()).toHaveLength(full);
      expect(writes()).toBe(1);
      // Five more push the oldest five out: their removal waits with them.
      for (let i = full; i < full + 5; i++) allowed(`ok${String(i)}`, i);
      settleAll();
      await vi.advanceTimersByTimeAsync(LIMITS.persistAllowedDelayMs - 1);
      expect(writes()).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(writes()).toBe(3); // one write: its removal and its set
      expect(stored()).toHaveLength(full);
      expect(stored()).not.toContain('w:ok0');

      allowed('last', 5_000);
      settleAll();
      w.capture(ev.failed('bad', { at: 5_010 })); // a failure does not wait, and takes the waiting success along
      await vi.advanceTimersByTimeAsync(0);
      expect(stored()).toEqual(expect.arrayContaining(['w:last', 'w:bad']));
      expect(writes()).toBe(5);
      await vi.advanceTimersByTimeAsync(LIMITS.persistAllowedDelayMs);
      expect(writes()).toBe(5); // nothing was left for the window
    } finally {
      vi.useRealTimers();
    }
  });
});
