import { describe, expect, it } from 'vitest';
import { LIMITS } from '../shared/limits.ts';
import { TRUNCATED } from '../shared/budget.ts';
import type { CapturedExchange } from '../shared/exchange.ts';
import { createTabState, resetTab, upsert } from './tab-store.ts';
import { API, PAGE } from './test-support.ts';

const x = (key: string, over: Partial<CapturedExchange> = {}): CapturedExchange => ({
  key,
  tabId: 1,
  frameId: 0,
  kind: null,
  pageOrigin: PAGE,
  startedAt: 10,
  endedAt: 20,
  request: { url: `${API}/a`, method: 'GET', headers: { origin: PAGE } },
  preflight: null,
  hops: [],
  error: 'net::ERR_FAILED',
  callSite: null,
  ...over,
});
const hop = (status: number, url = `${API}/a`) => ({
  url,
  method: 'GET',
  requestHeaders: { origin: PAGE },
  status,
  responseHeaders: {},
});
const site = { url: `${PAGE}/app.js`, line: 3, column: 7, functionName: 'load' };

describe('tab store: upsert', () => {
  it('turns an exchange into a record: the engine input, the source in the id, the key for later reports', () => {
    const tab = createTabState(1);
    const e = upsert(tab, x('5', { hops: [hop(200)] }), 'webRequest');
    expect(e.changed.map((r) => r.id)).toEqual(['w:5']);
    expect(tab.records.get('w:5')).toMatchObject({
      tabId: 1,
      startedAt: 10,
      endedAt: 20,
      done: true,
      sources: { webRequest: '5' },
      observed: {
        pageOrigin: PAGE,
        method: 'GET',
        url: `${API}/a`,
        requestHeaders: { origin: PAGE },
        hops: [hop(200)],
        netError: 'net::ERR_FAILED',
        pageSecure: true,
      },
    });
  });

  it('the same key again changes nothing unless it is more complete (re-sent after a reconnect, or amended)', () => {
    const tab = createTabState(1);
    upsert(tab, x('s:1'), 'devtools');
    expect(upsert(tab, x('s:1'), 'devtools').changed).toEqual([]);
    const more = upsert(tab, x('s:1', { hops: [hop(500)], callSite: site }), 'devtools');
    expect(more.changed.map((r) => [r.id, r.observed.hops.length, r.callSite?.line])).toEqual([
      ['d:s:1', 1, 3],
    ]);
    expect(tab.records.size).toBe(1);
  });

  it('the other source adds to the record it describes, matched by content: the call site, the API, the frame', () => {
    const tab = createTabState(1);
    upsert(tab, x('7', { frameId: 4, hops: [hop(500)] }), 'webRequest');
    upsert(tab, x('8', { startedAt: 900, frameId: 4 }), 'webRequest'); // another request, later
    const e = upsert(
      tab,
      x('s:3', { startedAt: 11, frameId: null, kind: 'xhr', callSite: site, hops: [hop(500)] }),
      'devtools',
    );
    expect(e.changed.map((r) => r.id)).toEqual(['w:7']);
    const r = tab.records.get('w:7');
    expect([r?.callSite, r?.observed.kind, r?.frameId, r?.sources]).toEqual([
      site,
      'xhr',
      4,
      { webRequest: '7', devtools: 's:3' },
    ]);
    // identical concurrent requests: each report claims its own record, the closest in time
    upsert(tab, x('9', { startedAt: 1_000 }), 'webRequest');
    upsert(tab, x('10', { startedAt: 1_004 }), 'webRequest');
    upsert(tab, x('s:4', { startedAt: 1_005, callSite: site }), 'devtools');
    upsert(tab, x('s:5', { startedAt: 1_001, callSite: site }), 'devtools');
    expect(['w:9', 'w:10'].map((id) => tab.records.get(id)?.sources?.devtools)).toEqual(['s:5', 's:4']);
  });

  it('each request makes one record, whichever source reports it first and in whatever order', () => {
    // 200 identical requests reported by both sources, DevTools' reports shuffled, a third of them first.
    const tab = createTabState(1);
    const n = 200;
    const dt = Array.from({ length: n }, (_, i) =>
      x(`s:${String(i)}`, { startedAt: 1_000 + i, frameId: null, callSite: site, hops: [hop(500)] }),
    );
    const order = dt.map((_, i) => dt[(i * 73) % n] as CapturedExchange);
    for (let i = 0; i < n; i++) {
      if (i % 3 === 0) upsert(tab, order[i] as CapturedExchange, 'devtools');
      upsert(tab, x(String(i), { startedAt: 1_000 + i, frameId: 2 }), 'webRequest');
      if (i % 3 !== 0) upsert(tab, order[i] as CapturedExchange, 'devtools');
    }
    const recs = [...tab.records.values()];
    expect(recs.length).toBe(n);
    expect(recs.every((r) => r.sources?.webRequest && r.sources.devtools && r.observed.hops.length)).toBe(
      true,
    );
    // a late re-send finds its record by key, however old, and changes nothing
    const before = JSON.stringify([...tab.records.values()]);
    for (const e of dt) expect(upsert(tab, e, 'devtools').changed).toEqual([]);
    expect(JSON.stringify([...tab.records.values()])).toBe(before);
  });

  it('merge: a failure wins over an allowed end and moves to the failures; a preflight with a response over one without', () => {
    const tab = createTabState(1);
    upsert(tab, x('1', { error: null, hops: [hop(200)] }), 'webRequest');
    expect([...tab.allowed]).toEqual(['w:1']);
    const e = upsert(tab, x('1'), 'webRequest');
    expect(e.changed[0]?.observed.netError).toBe('net::ERR_FAILED');
    expect(tab.allowed.size).toBe(0);
    const pf = { ...hop(0), method: 'OPTIONS' };
    upsert(tab, x('2', { preflight: pf }), 'webRequest');
    upsert(tab, x('2', { preflight: { ...pf, status: 204 } }), 'webRequest');
    expect(tab.records.get('w:2')?.observed.preflight?.status).toBe(204);
    upsert(tab, x('2', { preflight: { ...pf, status: 0 } }), 'webRequest');
    expect(tab.records.get('w:2')?.observed.preflight?.status).toBe(204);
  });

  it('a longer chain that started earlier (a 3xx reported after its end) brings its first request', () => {
    const tab = createTabState(1);
    const target = 'http://127.0.0.1:8001/t';
    upsert(
      tab,
      x('s:1', {
        startedAt: 15,
        request: { url: target, method: 'GET', headers: {} },
        hops: [hop(200, target)],
      }),
      'devtools',
    );
    upsert(tab, x('s:1', { hops: [hop(302), hop(200, target)] }), 'devtools');
    const r = tab.records.get('d:s:1');
    expect([r?.observed.url, r?.startedAt, r?.observed.hops.length]).toEqual([`${API}/a`, 10, 2]);
  });

  it('cuts a hostile server’s huge headers at capture, by bytes, visibly, and a re-send changes nothing', () => {
    const tab = createTabState(1);
    const huge: Record<string, string> = {};
    for (let i = 0; i < 300; i++) huge[`x-${String(i)}-${'n'.repeat(900)}`] = 'v'.repeat(5_000);
    const big = x('1', {
      hops: [{ ...hop(500), responseHeaders: huge }],
      callSite: { ...site, url: 'u'.repeat(9_000) },
    });
    expect(JSON.stringify(big).length).toBeGreaterThan(1_000_000);
    const r = upsert(tab, big, 'webRequest').changed[0];
    expect(JSON.stringify(r).length).toBeLessThanOrEqual(LIMITS.recordBytes);
    expect(Object.keys(r?.observed.hops[0]?.responseHeaders ?? {})).toHaveLength(LIMITS.headersPerMessage);
    expect(r?.callSite?.url.endsWith(TRUNCATED)).toBe(true);
    expect(upsert(tab, big, 'webRequest').changed).toEqual([]);
  });

  it('marks a no-cors request (Sec-Fetch-Mode) as such: an opaque response, not a CORS success', () => {
    const tab = createTabState(1);
    const headers = { origin: PAGE, 'sec-fetch-mode': 'no-cors' };
    upsert(tab, x('1', { error: null, request: { url: `${API}/a`, method: 'GET', headers } }), 'webRequest');
    expect(tab.records.get('w:1')?.observed.mode).toBe('no-cors');
  });

  it('keeps two bounded rings: the oldest failures go first; allowed records only ever push out allowed ones', () => {
    const tab = createTabState(1);
    const evicted: string[] = [];
    for (let i = 0; i < LIMITS.recordsPerTab + 3; i++)
      evicted.push(...upsert(tab, x(String(i), { startedAt: i * 10_000 }), 'webRequest').evicted);
    expect(evicted).toEqual(['w:0', 'w:1', 'w:2']);
    for (let i = 0; i < LIMITS.allowedPerTab + 2; i++)
      evicted.push(
        ...upsert(tab, x(`a${String(i)}`, { error: null, startedAt: 1e9 + i * 10_000 }), 'webRequest')
          .evicted,
      );
    expect(evicted.slice(3)).toEqual(['w:a0', 'w:a1']);
    expect(tab.records.size - tab.allowed.size).toBe(LIMITS.recordsPerTab);
  });

  it('resets everything, or only what started before a navigation', () => {
    const tab = createTabState(1);
    upsert(tab, x('1', { startedAt: 1 }), 'webRequest');
    upsert(tab, x('2', { startedAt: 10_000 }), 'webRequest');
    expect(resetTab(tab, 5)).toEqual(['w:1']);
    expect([...tab.records.keys()]).toEqual(['w:2']);
    expect(resetTab(tab)).toEqual(['w:2']);
    expect(tab.records.size).toBe(0);
  });
});
