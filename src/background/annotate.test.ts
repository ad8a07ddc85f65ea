import { describe, expect, it } from 'vitest';
import type { NetworkAnnotation } from '../shared/protocol.ts';
import { annotateNetwork } from './annotate.ts';
import { applyCapture, createTabState } from './tab-store.ts';
import { settleSuccesses } from './successes.ts';
import { LIMITS } from '../shared/limits.ts';
import { API, ev, PAGE } from './test-support.ts';

const site = { url: `${PAGE}/app.js`, line: 3, column: 9, functionName: 'load' };
const ann = (over: Partial<NetworkAnnotation> = {}): NetworkAnnotation => ({
  type: 'annotate',
  tabId: 1,
  url: `${API}/a`,
  method: 'GET',
  startedAt: 1_000,
  status: 200,
  callSite: site,
  kind: 'fetch',
  ...over,
});
const evidence = {
  error: 'net::ERR_FAILED',
  requestHeaders: [{ name: 'Origin', value: PAGE }],
  responseHeaders: [{ name: 'Content-Type', value: 'text/plain' }],
};
describe('DevTools annotations', () => {
  it('attach the call site and API kind to the matching record, once (re-sends change nothing)', () => {
    const tab = createTabState(1);
    applyCapture(tab, ev.failed('1', { at: 1_002 }));
    expect(annotateNetwork(tab, ann()).changed).toHaveLength(1);
    expect(tab.records.get('wr-1')).toMatchObject({ callSite: site, observed: { kind: 'fetch' } });
    expect(annotateNetwork(tab, ann()).changed).toHaveLength(0);
    expect(tab.records.size).toBe(1);
  });

  it('pick the closest unannotated record and ignore other URLs, methods and times', () => {
    const tab = createTabState(1);
    applyCapture(tab, ev.failed('1', { at: 1_000 }));
    applyCapture(tab, ev.failed('2', { at: 1_500 }));
    applyCapture(tab, ev.failed('3', { at: 1_000, method: 'PUT' }));
    annotateNetwork(tab, ann({ startedAt: 1_480 }));
    expect(tab.records.get('wr-2')?.callSite).toEqual(site);
    annotateNetwork(tab, ann({ startedAt: 1_480 }));
    expect(tab.records.get('wr-1')?.callSite).toEqual(site);
    expect(tab.records.get('wr-3')?.callSite).toBeNull();
  });

  it('complete a record whose failure a worker restart swallowed, and stand in for a missing one', () => {
    const tab = createTabState(1);
    applyCapture(tab, ev.failed('1', { at: 1_000 })); // its response went to a worker that was being stopped
    annotateNetwork(tab, ann({ evidence }));
    expect(tab.records.get('wr-1')).toMatchObject({
      done: true,
      observed: {
        netError: 'net::ERR_FAILED',
        hops: [{ status: 200, responseHeaders: { 'content-type': 'text/plain' } }],
      },
    });

    annotateNetwork(tab, ann({ url: `${API}/b`, startedAt: 2_000, evidence }));
    const dt = [...tab.records.values()].find((r) => r.id.startsWith('dt-'));
    expect(dt).toMatchObject({
      done: true,
      callSite: site,
      observed: { url: `${API}/b`, pageOrigin: PAGE, netError: 'net::ERR_FAILED' },
    });
    // A late webRequest event for it is the same exchange, not a second record.
    applyCapture(tab, ev.headers('9', 200, { at: 2_001, url: `${API}/b` }));
    applyCapture(tab, ev.failed('9', { at: 2_002, url: `${API}/b` }));
    expect(tab.records.size).toBe(2);
    expect(dt?.observed.hops).toHaveLength(1);
  });

  it('reach a request still in flight (DevTools reports a redirect hop before the failure), and the failure beyond it', () => {
    const tab = createTabState(1);
    const target = 'http://127.0.0.1:8001/t';
    applyCapture(tab, ev.sent('1', { at: 1_000 }));
    applyCapture(tab, ev.headers('1', 307, { at: 1_001, headers: { location: target } }));
    expect(annotateNetwork(tab, ann({ status: 307 })).changed).toEqual([]); // not sent before it fails
    const effect = applyCapture(tab, ev.failed('1', { at: 1_002, url: target }));
    expect(effect.changed[0]?.callSite).toEqual(site);
    // DevTools' entry for the hop that failed names the redirect target: the same record, not a new one.
    annotateNetwork(tab, ann({ url: target, status: 0, evidence }));
    expect(tab.records.size).toBe(1);
  });

  it('create nothing without evidence of a failure, or without an Origin to tell it cross-origin', () => {
    const tab = createTabState(1);
    annotateNetwork(tab, ann());
    annotateNetwork(tab, ann({ evidence: { ...evidence, requestHeaders: [] } }));
    annotateNetwork(
      tab,
      ann({ evidence: { ...evidence, requestHeaders: [{ name: 'origin', value: 'null' }] } }),
    );
    expect(tab.records.size).toBe(0);
  });
});

describe('DevTools annotations of allowed exchanges', () => {
  it('turn a settled allowed exchange into a failure when DevTools saw it fail, instead of a second record', () => {
    const tab = createTabState(1);
    applyCapture(tab, ev.sent('1', { at: 1_000 }));
    applyCapture(tab, ev.headers('1', 200, { at: 1_001 }));
    settleSuccesses(tab, 1_001 + LIMITS.successSettleMs); // its onErrorOccurred went to a worker being stopped
    expect(annotateNetwork(tab, ann({ status: 200 })).changed).toHaveLength(0); // a redirect-like note: no effect
    const effect = annotateNetwork(tab, ann({ evidence }));
    expect(effect.changed.map((r) => r.id)).toEqual(['wr-1']);
    expect(tab.records.size).toBe(1);
    expect(tab.records.get('wr-1')).toMatchObject({
      callSite: site,
      observed: { netError: 'net::ERR_FAILED' },
    });
    expect(tab.allowed.size).toBe(0);
  });
});
