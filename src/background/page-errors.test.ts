import { describe, expect, it } from 'vitest';
import {
  annotatePageError,
  claimPendingPageError,
  settlePageErrors,
  type PendingPageError,
} from './page-errors.ts';
import { createTabState, upsert } from './tab-store.ts';
import { LIMITS } from '../shared/limits.ts';
import { API, exchange } from './test-support.ts';

const pageErr = (over: Partial<PendingPageError> = {}): PendingPageError => ({
  frameId: 0,
  url: null,
  at: 1_010,
  arrivedAt: 1_010,
  error: { message: 'TypeError: Failed to fetch', stack: 'at load (app.js:3:9)' },
  ...over,
});

describe('page errors', () => {
  it('annotate the unannotated failure of the frame closest in time, within the window', () => {
    const tab = createTabState(1);
    upsert(tab, exchange('1', { at: 1_000 }), 'webRequest');
    upsert(tab, exchange('2', { at: 1_001 }), 'webRequest');
    const pending: PendingPageError[] = [];
    annotatePageError(tab, pageErr(), pending);
    annotatePageError(tab, pageErr(), pending);
    expect(tab.records.get('w:1')?.pageError?.message).toBe('TypeError: Failed to fetch');
    expect(tab.records.get('w:2')?.pageError).not.toBeNull();
    expect(pending).toHaveLength(0);
  });

  it('a failure the page caught (no error of its own) does not take the error of a later one', () => {
    const tab = createTabState(1);
    upsert(tab, exchange('caught', { at: 1_000 }), 'webRequest');
    upsert(tab, exchange('unhandled', { at: 1_500 }), 'webRequest');
    annotatePageError(tab, pageErr({ at: 1_502 }), []);
    expect(tab.records.get('w:unhandled')?.pageError).not.toBeNull();
    expect(tab.records.get('w:caught')?.pageError).toBeNull();
  });

  it('never create or alter a record: unmatched errors wait briefly, bounded, then match nothing', () => {
    const tab = createTabState(1);
    upsert(tab, exchange('1', { at: 1_000 }), 'webRequest');
    const before = structuredClone(tab.records.get('w:1'));
    const pending: PendingPageError[] = [];
    for (let i = 0; i < 100; i++) annotatePageError(tab, pageErr({ frameId: 7 }), pending);
    annotatePageError(tab, pageErr({ url: `${API}/other` }), pending);
    annotatePageError(tab, pageErr({ at: 9_000 }), pending);
    expect(tab.records.size).toBe(1);
    expect(tab.records.get('w:1')).toEqual(before);
    expect(pending.length).toBeLessThanOrEqual(20);
  });

  it('an error with no failure close to it waits, then takes the closest there is; a failure that comes claims it', () => {
    const tab = createTabState(1);
    upsert(tab, exchange('old', { at: 700 }), 'webRequest'); // 310 ms before the error: maybe not its failure
    const pending: PendingPageError[] = [];
    annotatePageError(tab, pageErr(), pending);
    expect(tab.records.get('w:old')?.pageError).toBeNull();
    expect(settlePageErrors(tab, pending, 1_010 + LIMITS.pageErrorSettleMs - 1).changed).toEqual([]);
    // Its own failure arrives (DevTools' log is slower than the content script) and claims it.
    upsert(tab, exchange('own', { at: 1_008 }), 'webRequest');
    const own = tab.records.get('w:own');
    expect(own && claimPendingPageError(own, 1_008, pending)).toBe(true);
    expect(pending).toEqual([]);
    // Another error that never gets a closer failure settles on the closest one within the window.
    annotatePageError(tab, pageErr({ at: 1_100, arrivedAt: 1_100 }), pending);
    const settled = settlePageErrors(tab, pending, 1_100 + LIMITS.pageErrorSettleMs);
    expect(settled.changed.map((r) => r.id)).toEqual(['w:old']);
    expect(pending).toEqual([]);
  });

  it('an error that arrived before its failure is claimed when the failure comes', () => {
    const tab = createTabState(1);
    const pending: PendingPageError[] = [];
    annotatePageError(tab, pageErr({ url: `${API}/a` }), pending);
    upsert(tab, exchange('1', { at: 1_005 }), 'webRequest');
    const rec = tab.records.get('w:1');
    expect(rec && claimPendingPageError(rec, 1_005, pending)).toBe(true);
    expect(rec?.pageError?.stack).toContain('app.js');
  });
});
