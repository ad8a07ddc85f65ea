import { describe, expect, it } from 'vitest';
import type { DevtoolsExchange } from '../shared/protocol.ts';
import { createTabState, applyCapture, recordId } from './tab-store.ts';
import { devtoolsRequestId, exchangeAnnotations, exchangeEvents } from './devtools-capture.ts';
import { API, PAGE } from './test-support.ts';

const xchg = (over: Partial<DevtoolsExchange> = {}): DevtoolsExchange => ({
  type: 'exchange',
  tabId: 1,
  id: 's:1',
  kind: 'fetch',
  pageOrigin: PAGE,
  startedAt: 1_000,
  endedAt: 1_020,
  request: { url: `${API}/a`, method: 'GET', headers: [{ name: 'Origin', value: PAGE }] },
  hops: [
    {
      url: `${API}/a`,
      method: 'GET',
      requestHeaders: [
        { name: 'Origin', value: PAGE },
        { name: 'Authorization', value: 'Bearer sk-live-SECRET' },
      ],
      status: 500,
      responseHeaders: [{ name: 'Content-Type', value: 'text/html' }],
    },
  ],
  last: { url: `${API}/a`, method: 'GET', status: 500 },
  error: 'net::ERR_FAILED',
  callSite: null,
  ...over,
});

/** The events through the one reducer, as the worker applies them. */
function reduce(...xs: DevtoolsExchange[]) {
  const tab = createTabState(1);
  for (const x of xs) for (const ev of exchangeEvents(x)) applyCapture(tab, ev);
  return tab;
}

describe('DevTools exchanges as capture events', () => {
  it('a failure with a response becomes sent, headers, failed: one record with the real status, secrets redacted', () => {
    const events = exchangeEvents(xchg());
    expect(events.map((e) => e.kind)).toEqual(['sent', 'headers', 'failed']);
    expect(events.at(-1)?.at).toBe(1_020); // the failure carries its own time, like onErrorOccurred
    const rec = reduce(xchg()).records.get(recordId(devtoolsRequestId(xchg())));
    expect(rec?.observed.hops.map((h) => h.status)).toEqual([500]);
    expect(rec?.observed.netError).toBe('net::ERR_FAILED');
    expect(JSON.stringify(rec)).not.toContain('sk-live-SECRET');
  });

  it('a request its failed preflight kept from being sent is linked to that preflight, and has no hop', () => {
    const preflight = xchg({
      id: 's:2',
      kind: 'preflight',
      startedAt: 1_005,
      request: {
        url: `${API}/a`,
        method: 'OPTIONS',
        headers: [
          { name: 'Origin', value: PAGE },
          { name: 'Access-Control-Request-Method', value: 'PUT' },
        ],
      },
      hops: [{ url: `${API}/a`, method: 'OPTIONS', requestHeaders: [], status: 405, responseHeaders: [] }],
      error: null,
    });
    const actual = xchg({
      id: 's:3',
      request: { url: `${API}/a`, method: 'PUT', headers: [] },
      hops: [],
      last: { url: `${API}/a`, method: 'PUT', status: 0 },
    });
    expect(exchangeEvents(actual).map((e) => [e.kind, e.method, e.url])).toEqual([
      ['failed', 'PUT', `${API}/a`],
    ]);
    const rec = reduce(preflight, actual).records.get(recordId('dt:s:3'));
    expect(rec?.observed.hops).toEqual([]);
    expect(rec?.observed.preflight?.status).toBe(405);
    expect(rec?.observed.method).toBe('PUT');
  });

  it('redirect hops chain into one record; a success completes at once (no settle window)', () => {
    const chained = xchg({
      hops: [
        { url: `${API}/a`, method: 'GET', requestHeaders: [], status: 302, responseHeaders: [] },
        {
          url: 'http://127.0.0.1:9/b',
          method: 'GET',
          requestHeaders: [{ name: 'Origin', value: 'null' }],
          status: 200,
          responseHeaders: [],
        },
      ],
      last: { url: 'http://127.0.0.1:9/b', method: 'GET', status: 200 },
      error: null,
    });
    const tab = reduce(chained);
    const rec = tab.records.get(recordId('dt:s:1'));
    expect(rec?.observed.url).toBe(`${API}/a`);
    expect(rec?.observed.hops.map((h) => [h.status, h.requestHeaders.origin])).toEqual([
      [302, undefined],
      [200, 'null'],
    ]);
    expect(rec?.done).toBe(true);
    expect(rec?.observed.netError).toBeNull();
    expect(tab.allowed.has(recordId('dt:s:1'))).toBe(true);
  });

  it('in "Record all tabs" mode the same exchange only annotates: a 3xx hop and the end, evidence for failures', () => {
    const anns = exchangeAnnotations(
      xchg({
        hops: [
          { url: `${API}/a`, method: 'GET', requestHeaders: [], status: 302, responseHeaders: [] },
          { url: `${API}/b`, method: 'GET', requestHeaders: [], status: 200, responseHeaders: [] },
        ],
        last: { url: `${API}/b`, method: 'GET', status: 200 },
      }),
    );
    expect(anns.map((a) => [a.url, a.status, a.evidence?.error])).toEqual([
      [`${API}/a`, 302, undefined],
      [`${API}/b`, 200, 'net::ERR_FAILED'],
    ]);
    expect(exchangeAnnotations(xchg({ kind: 'preflight' }))).toEqual([]);
    expect(exchangeAnnotations(xchg({ error: null, hops: [] }))).toEqual([]);
  });
});
