// Allowed exchanges streamed by the worker (observed.netError null, done): judged by the real engine, hidden while
// "failures only" is on (the default), listed under "All cross-origin" with the engine's hints.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/engine/index.ts';
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
});
