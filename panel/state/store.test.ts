import { describe, expect, it } from 'vitest';
import { createPanelStore } from './store.ts';
import { SNAPSHOT_SLICE } from './record-book.ts';
import { memoryPrefs, type FixProvider } from './deps.ts';
import { ALLOWED, diag, fakeChannel, fakeDeps, fakeFixes, flush, rec, snapshot } from '../test-support.ts';

const setup = (byPath = {}, over = {}) => {
  const fake = fakeChannel();
  const store = createPanelStore(fake.channel, 7, fakeDeps(byPath, over));
  return { fake, store };
};

describe('createPanelStore: protocol events', () => {
  it('replaces everything on a snapshot and applies in-order deltas, coalesced per microtask', async () => {
    const { fake, store } = setup();
    fake.emit(snapshot([rec('1', 'GET /a')], 5, true));
    await flush();
    expect(store.records.value.map((r) => r.id)).toEqual(['1']);
    expect(store.preserveLog.value).toBe(true);
    let renders = 0;
    const stop = store.records.subscribe(() => renders++);
    renders = 0;
    fake.emit({ type: 'record', tabId: 7, seq: 6, record: rec('2', 'GET /b') });
    fake.emit({ type: 'record', tabId: 7, seq: 7, record: rec('3', 'GET /c') });
    fake.emit({
      type: 'record',
      tabId: 7,
      seq: 8,
      record: { ...rec('1', 'GET /a'), done: true, startedAt: 1 },
    });
    await flush();
    stop();
    expect(renders).toBe(1);
    expect(store.records.value.map((r) => r.id)).toEqual(['1', '2', '3']);
    expect(store.records.value[0]?.startedAt).toBe(1); // a changed record is re-sent whole and replaced
  });

  it('publishes a large snapshot in slices, in order, so the first rows paint early', async () => {
    const { fake, store } = setup();
    const many = Array.from({ length: SNAPSHOT_SLICE * 2 + 500 }, (_, i) => rec(String(i), `GET /r/${i}`));
    fake.emit(snapshot(many));
    await Promise.resolve();
    expect(store.records.value).toHaveLength(SNAPSHOT_SLICE);
    fake.emit({ type: 'record', tabId: 7, seq: 2, record: rec('new', 'GET /late') });
    for (let i = 0; i < 10; i++) await flush();
    expect(store.records.value.map((r) => r.id)).toEqual([...many.map((r) => r.id), 'new']);
  });

  it('asks for one snapshot on a sequence gap and ignores deltas until it arrives', async () => {
    const { fake, store } = setup();
    fake.emit(snapshot([], 1));
    fake.emit({ type: 'record', tabId: 7, seq: 3, record: rec('9', 'GET /gap') });
    fake.emit({ type: 'record', tabId: 7, seq: 4, record: rec('10', 'GET /gap') });
    await flush();
    expect(fake.sent).toEqual([{ type: 'snapshot', tabId: 7 }]);
    expect(store.records.value).toEqual([]);
    fake.emit(snapshot([rec('9', 'GET /gap'), rec('10', 'GET /gap')], 4));
    await flush();
    expect(store.records.value).toHaveLength(2);
  });

  it('drops duplicate deltas, events for other tabs, and clears on reset', async () => {
    const { fake, store } = setup();
    fake.emit(snapshot([rec('1', 'GET /a')], 1));
    fake.emit({ type: 'record', tabId: 7, seq: 1, record: rec('2', 'GET /dup') });
    fake.emit({ type: 'record', tabId: 8, seq: 2, record: rec('3', 'GET /other-tab') });
    await flush();
    expect(store.records.value.map((r) => r.id)).toEqual(['1']);
    expect(fake.sent).toEqual([]);
    fake.emit({ type: 'reset', tabId: 7, seq: 2, reason: 'navigated' });
    await flush();
    expect(store.records.value).toEqual([]);
  });

  it('follows the connection state and the preserve-log setting', () => {
    const { fake, store } = setup();
    expect(store.connection.value).toBe('connecting');
    fake.setState('reconnecting');
    expect(store.connection.value).toBe('reconnecting');
    fake.emit(snapshot([], 1));
    fake.emit({ type: 'settings', tabId: 7, seq: 2, preserveLog: true });
    expect(store.preserveLog.value).toBe(true);
  });

  it('dispose removes every listener it added', () => {
    const { fake, store } = setup();
    expect(fake.listenerCount()).toBe(2);
    store.dispose();
    expect(fake.listenerCount()).toBe(0);
  });
});

describe('createPanelStore: derived list', () => {
  it('groups by endpoint + cause with a count, failures only unless "all" is on', async () => {
    const { fake, store } = setup({
      '/ok': ALLOWED,
      '/500': diag({ code: 'server-error-without-cors', verdict: 'not-cors', realStatus: 500 }),
    });
    fake.emit(
      snapshot([
        rec('1', 'GET /items?page=1'),
        rec('2', 'GET /items?page=2'),
        rec('3', 'POST /items'),
        rec('4', 'GET /ok'),
        rec('5', 'GET /500'),
      ]),
    );
    await flush();
    expect(store.visible.value.map((g) => [g.latest.record.id, g.count])).toEqual([
      ['2', 2],
      ['3', 1],
      ['5', 1],
    ]);
    store.actions.setShowAll(true);
    expect(store.visible.value).toHaveLength(4);
  });

  it('leaves unfinished records out and survives an engine exception', async () => {
    const { fake, store } = setup(
      {},
      {
        diagnose: (o: { url: string }) => {
          if (o.url.endsWith('/boom')) throw new Error('engine bug');
          return diag();
        },
      },
    );
    fake.emit(
      snapshot([rec('1', 'GET /boom'), { ...rec('2', 'GET /pending'), done: false }, rec('3', 'GET /fine')]),
    );
    await flush();
    expect(store.visible.value.map((g) => g.latest.record.id)).toEqual(['3']);
  });

  it('filters by URL, method or cause, case-insensitively', async () => {
    const { fake, store } = setup({ '/b': diag({ code: 'AllowOriginMismatch', headline: 'Wrong origin' }) });
    fake.emit(snapshot([rec('1', 'GET /a'), rec('2', 'PUT /b')]));
    await flush();
    store.actions.setFilter('allowORIGINmismatch');
    expect(store.visible.value.map((g) => g.latest.record.id)).toEqual(['2']);
    store.actions.setFilter('get ');
    expect(store.visible.value.map((g) => g.latest.record.id)).toEqual(['1']);
    store.actions.setFilter('');
    expect(store.visible.value).toHaveLength(2);
  });

  it('filters by kind, keeps a font and a fetch of the same URL apart, and lets the text filter name a kind', async () => {
    const { fake, store } = setup();
    fake.emit(
      snapshot([
        rec('1', 'GET /f.woff2', { kind: 'font' }),
        rec('2', 'GET /f.woff2'),
        rec('3', 'GET /app.js', { kind: 'script' }),
        rec('4', 'GET /old', { kind: null }),
      ]),
    );
    await flush();
    expect(store.visible.value).toHaveLength(4);
    store.actions.setKind('font');
    expect(store.visible.value.map((g) => g.latest.record.id)).toEqual(['1']);
    store.actions.setKind('script');
    expect(store.visible.value.map((g) => g.latest.record.id)).toEqual(['3']);
    store.actions.setKind('image');
    expect(store.visible.value).toEqual([]);
    store.actions.setKind('all');
    store.actions.setFilter('font');
    expect(store.visible.value.map((g) => g.latest.record.id)).toEqual(['1']);
  });

  it('moves the selection with clamping, keeps it by key as rows stream in, and drops it when filtered out', async () => {
    const { fake, store } = setup();
    fake.emit(snapshot([rec('1', 'GET /a'), rec('2', 'GET /b'), rec('3', 'GET /c')]));
    await flush();
    store.actions.move(1);
    expect(store.selected.value?.latest.record.id).toBe('1');
    store.actions.move('last');
    store.actions.move(5);
    expect(store.selectedIndex.value).toBe(2);
    store.actions.move(-1);
    fake.emit({ type: 'record', tabId: 7, seq: 2, record: rec('4', 'GET /d') });
    await flush();
    expect(store.selected.value?.latest.record.id).toBe('2');
    store.actions.setFilter('/c');
    expect(store.selected.value).toBeNull();
  });

  it('clear empties the panel and tells the service worker; preserve log is sent as a command', async () => {
    const { fake, store } = setup();
    fake.emit(snapshot([rec('1', 'GET /a')]));
    await flush();
    store.actions.select(store.visible.value[0]?.key ?? null);
    store.actions.clear();
    store.actions.setPreserveLog(true);
    expect(store.visible.value).toEqual([]);
    expect(store.selectedKey.value).toBeNull();
    expect(fake.sent).toEqual([
      { type: 'clear', tabId: 7 },
      { type: 'set-preserve-log', tabId: 7, value: true },
    ]);
  });
});

describe('createPanelStore: fix and export', () => {
  it('uses the detected backend until the user picks one, remembered per API origin', async () => {
    const prefs = memoryPrefs();
    const { fake, store } = setup({}, { prefs });
    fake.emit(snapshot([rec('1', 'GET /a')]));
    await flush();
    store.actions.move('first');
    expect(store.fix.value).toMatchObject({
      backend: 'fastapi',
      chosen: false,
      apiOrigin: 'http://localhost:8000',
    });
    store.actions.chooseBackend('http://localhost:8000', 'express');
    expect(store.fix.value).toMatchObject({ backend: 'express', chosen: true });
    expect(store.fix.value?.fix?.backend).toBe('express');
    expect(prefs.load()).toEqual({ 'http://localhost:8000': 'express' });
    const reopened = fakeChannel();
    const again = createPanelStore(reopened.channel, 7, fakeDeps({}, { prefs }));
    reopened.emit(snapshot([rec('5', 'PUT /other')]));
    await flush();
    again.actions.move('first');
    expect(again.fix.value).toMatchObject({ backend: 'express', chosen: true });
  });

  it('loads the fix generators lazily: no fix until the loader resolves, then the fix appears', async () => {
    let resolve: (p: FixProvider) => void = () => undefined;
    const loading = new Promise<FixProvider>((r) => (resolve = r));
    const { fake, store } = setup({}, { fixes: () => loading });
    fake.emit(snapshot([rec('1', 'GET /a')]));
    await flush();
    store.actions.move('first');
    expect(store.fix.value).toBeNull();
    expect(store.backends.value).toEqual([]);
    resolve(fakeFixes());
    await flush();
    expect(store.fix.value?.backend).toBe('fastapi');
    expect(store.backends.value.map((b) => b.id)).toEqual(['fastapi', 'express', 'headers']);
  });

  it('exports all failures or the selected one, redacted unless asked', async () => {
    const { fake, store } = setup();
    const secret = { authorization: 'Bearer sk-live-SECRET0123456789abcdef' };
    fake.emit(snapshot([rec('1', 'GET /a', { requestHeaders: secret }), rec('2', 'GET /b')]));
    await flush();
    const all = store.actions.exportReport('json', 'all');
    expect(all.filename).toBe('cors-lens-report-2026-11-29T12-30-00-000Z.json');
    const parsed = JSON.parse(all.text) as {
      failures: unknown[];
      redacted: boolean;
      browser: string | null;
      pageUrl: string | null;
    };
    expect(parsed.browser).toBe('Chromium 156');
    expect(parsed.pageUrl).toBe('http://localhost:3000/app?session=[REDACTED]');
    expect(parsed.failures).toHaveLength(2);
    expect(parsed.redacted).toBe(true);
    expect(all.text).not.toContain('sk-live');
    store.actions.move('first');
    const one = store.actions.exportReport('markdown', 'selected');
    expect(one.mime).toBe('text/markdown');
    expect(one.text).toContain('MissingAllowOriginHeader');
    expect(one.text).not.toContain('SECRET');
    store.actions.setIncludeSensitive(true);
    expect(store.actions.exportReport('json', 'selected').text).toContain('sk-live-SECRET');
  });
});
