// Allowed exchanges streamed by the worker (observed.netError null, done): judged by the real engine, hidden while
// "failures only" is on (the default), listed under "All cross-origin" with the engine's hints.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/engine/index.ts';
import { LIMITS } from '../../src/shared/limits.ts';
import { createPanelStore } from './store.ts';
import { fakeChannel, fakeDeps, flush, PAGE, rec, snapshot } from '../test-support.ts';

describe('createPanelStore: allowed exchanges', () => {
  it('shows an allowed record only under "All cross-origin", with its hint, and keeps failures visible', async () => {
    const fake = fakeChannel();
    const store = createPanelStore(fake.channel, 7, fakeDeps({}, { diagnose }));
    const failure = rec('f', 'GET /missing');
    const base = rec('ok', 'GET /me', {
      requestHeaders: { origin: PAGE, authorization: 'Bearer <redacted>' },
      responseHeaders: { 'access-control-allow-origin': PAGE, vary: 'Origin' },
    });
    const preflight = {
      url: base.observed.url,
      method: 'OPTIONS',
      requestHeaders: {
        origin: PAGE,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
      status: 204,
      responseHeaders: { 'access-control-allow-origin': PAGE, 'access-control-allow-headers': '*' },
    };
    const allowed = { ...base, observed: { ...base.observed, preflight, netError: null } };
    fake.emit(snapshot([failure], 1));
    fake.emit({ type: 'record', tabId: 7, seq: 2, record: allowed });
    await flush();
    expect(store.visible.value.map((g) => g.latest.record.id)).toEqual(['f']);
    store.actions.setShowAll(true);
    expect(store.visible.value.map((g) => g.latest.record.id)).toEqual(['f', 'ok']);
    const ok = store.visible.value[1]?.latest.diagnosis;
    expect(ok?.verdict).toBe('allowed');
    expect(ok?.hints.map((h) => h.code)).toContain('authorization-wildcard');
    store.actions.setShowAll(false);
    expect(store.visible.value).toHaveLength(1);
  });

  it('keeps at most the worker’s allowed ring between snapshots, never dropping a failure for it', async () => {
    const fake = fakeChannel();
    const store = createPanelStore(fake.channel, 7, fakeDeps());
    const ok = (i: number) => {
      const r = rec(`ok${i}`, `GET /ok/${i}`);
      return { ...r, observed: { ...r.observed, netError: null } };
    };
    fake.emit(snapshot([rec('f', 'GET /missing')], 1));
    const n = LIMITS.allowedPerTab + 5;
    for (let i = 0; i < n; i++) fake.emit({ type: 'record', tabId: 7, seq: 2 + i, record: ok(i) });
    for (let i = 0; i < 5; i++) await flush(); // a delta during a sliced publication
    const ids = store.records.value.map((r) => r.id);
    expect(ids).toHaveLength(LIMITS.allowedPerTab + 1);
    expect(ids[0]).toBe('f');
    expect(ids).not.toContain('ok4');
    expect(ids).toContain('ok5');
  });

  it('keeps at most the worker’s failure ring too: the panel holds what a restarted worker gives back', async () => {
    const fake = fakeChannel();
    const store = createPanelStore(fake.channel, 7, fakeDeps());
    const ok = rec('ok', 'GET /ok');
    fake.emit(snapshot([{ ...ok, observed: { ...ok.observed, netError: null } }], 1));
    const n = LIMITS.recordsPerTab + 3;
    for (let i = 0; i < n; i++)
      fake.emit({
        type: 'record',
        tabId: 7,
        seq: 2 + i,
        record: rec(`f${String(i)}`, `GET /f/${String(i)}`),
      });
    for (let i = 0; i < 20; i++) await flush();
    const ids = store.records.value.map((r) => r.id);
    expect(ids).toHaveLength(LIMITS.recordsPerTab + 1);
    expect(ids).toContain('ok'); // an allowed record never leaves for a failure
    expect(ids).not.toContain('f2');
    expect(ids).toContain('f3');
  });
});
