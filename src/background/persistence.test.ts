import { describe, expect, it, vi } from 'vitest';
import { createPersistence } from './persistence.ts';
import { createTabState, upsert } from './tab-store.ts';
import { API, exchange, fakeStorage, PAGE, settle } from './test-support.ts';

describe('persistence', () => {
  it('writes only what changed, once per task, and rebuilds the same records', async () => {
    const storage = fakeStorage();
    const p = createPersistence(storage, () => undefined);
    const tab = createTabState(1);
    const hop = {
      url: `${API}/a`,
      method: 'GET',
      requestHeaders: { origin: PAGE },
      status: 200,
      responseHeaders: {},
    };
    upsert(tab, exchange('1', { at: 1, hops: [hop] }), 'webRequest');
    const rec = tab.records.get('w:1');
    if (!rec) throw new Error('no record');
    p.saveRecord(1, rec);
    p.saveRecord(1, rec);
    p.saveTab(tab);
    await p.flush();
    expect(storage.writes).toBe(1);
    // The first hop's request headers are stored once.
    expect(JSON.stringify(storage.data.get('r:1:w:1')).match(/"origin"/g)).toHaveLength(1);
    const loaded = await p.load();
    expect(loaded.tabs.get(1)?.records.get('w:1')).toEqual(rec);
  });

  it('removes evicted records and dropped tabs, and reports write failures (quota)', async () => {
    const storage = fakeStorage();
    const errors: unknown[] = [];
    const p = createPersistence(
      { ...storage, set: () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')) },
      (e) => errors.push(e),
    );
    p.saveInspected([1]);
    await p.flush();
    expect(errors).toHaveLength(2); // the batch is retried once after the caller made room, then given up
    const ok = createPersistence(storage, () => undefined);
    const tab = createTabState(2);
    upsert(tab, exchange('1', { at: 1, tabId: 2 }), 'webRequest');
    const rec = tab.records.get('w:1');
    if (rec) ok.saveRecord(2, rec);
    ok.saveTab(tab);
    await settle();
    ok.removeRecords(2, ['w:1']);
    ok.dropTab(tab);
    await ok.flush();
    expect([...storage.data.keys()]).toEqual([]);
  });

  it('with a delay, changes of many tasks go out in one write', async () => {
    // Fake timers: on a loaded machine 20 real tasks can outlast a real 30 ms window.
    vi.useFakeTimers();
    const storage = fakeStorage();
    const p = createPersistence(
      storage,
      () => undefined,
      () => 30,
    );
    const tab = createTabState(1);
    for (let i = 0; i < 20; i++) {
      upsert(tab, exchange(String(i), { at: i }), 'webRequest');
      const rec = tab.records.get(`w:${String(i)}`);
      if (rec) p.saveRecord(1, rec);
      await vi.advanceTimersByTimeAsync(1); // a task each, 1 ms apart, as exchanges arrive
    }
    expect(storage.writes).toBe(0);
    await vi.advanceTimersByTimeAsync(30);
    await p.flush();
    vi.useRealTimers();
    expect(storage.writes).toBe(1);
    expect([...storage.data.keys()]).toHaveLength(20);
  });
});
