import { describe, expect, it } from 'vitest';
import { LIMITS } from '../shared/limits.ts';
import { normaliseHeaders } from './headers.ts';
import { createWebRequestCapture, type WebRequestApi } from './web-request.ts';
import { FIREFOX_WEB_REQUEST } from '../platform/web-request-dialect.ts';
import { isSameOrigin } from '../shared/origin.ts';
import type { CaptureEvent } from './web-request-exchanges.ts';

type Cb = (d: Record<string, unknown>) => void;
function fakeApi() {
  const events = ['onBeforeSendHeaders', 'onHeadersReceived', 'onErrorOccurred'] as const;
  const listeners = new Map<string, { cb: Cb; filter: unknown; extra: unknown }[]>();
  const api = Object.fromEntries(
    events.map((name) => [
      name,
      {
        addListener: (cb: Cb, filter: unknown, extra?: unknown) =>
          listeners.set(name, [...(listeners.get(name) ?? []), { cb, filter, extra }]),
        removeListener: (cb: Cb) =>
          listeners.set(
            name,
            (listeners.get(name) ?? []).filter((l) => l.cb !== cb),
          ),
      },
    ]),
  ) as unknown as WebRequestApi;
  const fire = (name: (typeof events)[number], d: Record<string, unknown>) => {
    for (const l of listeners.get(name) ?? []) l.cb(d);
  };
  return { api, listeners, fire };
}

const details = {
  requestId: '7',
  url: 'http://127.0.0.1:8000/a',
  method: 'GET',
  frameId: 0,
  tabId: 4,
  timeStamp: 5,
  initiator: 'http://localhost:3000',
};

describe('webRequest capture', () => {
  it('registers three listeners for the types a CORS request can have (no onCompleted: successes are not recorded), extraHeaders where headers are read, and removes them all', () => {
    const { api, listeners } = fakeApi();
    const c = createWebRequestCapture(
      api,
      () => true,
      () => undefined,
    );
    c.start();
    c.start();
    expect([...listeners.values()].map((l) => l.length)).toEqual([1, 1, 1]);
    expect(listeners.get('onBeforeSendHeaders')?.[0]).toMatchObject({
      filter: { types: ['xmlhttprequest', 'font', 'script', 'stylesheet', 'image', 'media', 'other'] },
      extra: ['requestHeaders', 'extraHeaders'],
    });
    expect(listeners.get('onHeadersReceived')?.[0]?.extra).toEqual(['responseHeaders', 'extraHeaders']);
    c.stop();
    expect([...listeners.values()].map((l) => l.length)).toEqual([0, 0, 0]);
    expect(c.active).toBe(false);
  });

  it('recognises a preflight by OPTIONS + Access-Control-Request-Method, and drops uninspected tabs and browser requests', () => {
    const { api, fire } = fakeApi();
    const got: CaptureEvent[] = [];
    createWebRequestCapture(
      api,
      (t) => t === 4,
      (e) => got.push(e),
    ).start();
    fire('onBeforeSendHeaders', {
      ...details,
      method: 'OPTIONS',
      requestHeaders: [{ name: 'Access-Control-Request-Method', value: 'PUT' }],
    });
    fire('onBeforeSendHeaders', { ...details, method: 'OPTIONS', requestHeaders: [] });
    fire('onErrorOccurred', { ...details, tabId: 5, error: 'net::ERR_FAILED' });
    fire('onErrorOccurred', { ...details, tabId: -1, error: 'net::ERR_FAILED' });
    fire('onErrorOccurred', { ...details, initiator: undefined, error: 'net::ERR_FAILED' });
    expect(got.map((e) => (e.kind === 'sent' ? e.preflightFor : e.kind))).toEqual(['PUT', null]);
  });

  it("passes a shared or service worker's request (no tab, no frame: tabId and frameId -1) with its origin, and still drops the browser's own", () => {
    const { api, fire } = fakeApi();
    const got: CaptureEvent[] = [];
    createWebRequestCapture(
      api,
      () => true,
      (e) => got.push(e),
    ).start();
    const tabless = { ...details, tabId: -1, frameId: -1, error: 'net::ERR_FAILED' };
    fire('onErrorOccurred', tabless);
    fire('onErrorOccurred', { ...tabless, initiator: undefined });
    fire('onErrorOccurred', { ...tabless, frameId: 0 });
    expect(got.map((e) => [e.tabId, e.frameId, e.pageOrigin])).toEqual([[-1, -1, 'http://localhost:3000']]);
  });

  it('tells same-origin without parsing URLs', () => {
    expect(isSameOrigin('http://localhost:3000', 'http://localhost:3000/a')).toBe(true);
    expect(isSameOrigin('http://localhost:3000', 'http://localhost:30001/a')).toBe(false);
    expect(isSameOrigin('http://localhost:3000', 'http://127.0.0.1:3000/a')).toBe(false);
  });
});

describe('headers', () => {
  it('lower-cases names, keeps repeats as arrays, truncates values, caps the count and redacts credentials', () => {
    const h = normaliseHeaders([
      { name: 'Access-Control-Allow-Origin', value: 'http://a' },
      { name: 'access-control-allow-origin', value: 'http://b' },
      { name: 'X-Long', value: 'x'.repeat(LIMITS.headerValueChars + 10) },
      { name: 'Authorization', value: 'Bearer sk-live-123' },
      { name: 'Cookie', value: 'sid=1' },
    ]);
    expect(h['access-control-allow-origin']).toEqual(['http://a', 'http://b']);
    expect((h['x-long'] as string).length).toBe(LIMITS.headerValueChars + 1);
    expect(h.authorization).toBe('Bearer <redacted>');
    expect(h.cookie).toBe('<redacted>');
    const many = normaliseHeaders(Array.from({ length: 500 }, (_, i) => ({ name: `h${i}`, value: '' })));
    expect(Object.keys(many)).toHaveLength(LIMITS.headersPerMessage);
  });
});

describe("webRequest capture in Firefox's dialect", () => {
  it('asks for no extraHeaders (Firefox rejects it) and takes the page from originUrl', () => {
    const { api, listeners, fire } = fakeApi();
    const got: CaptureEvent[] = [];
    createWebRequestCapture(
      api,
      () => true,
      (e) => got.push(e),
      FIREFOX_WEB_REQUEST,
    ).start();
    expect(listeners.get('onBeforeSendHeaders')?.[0]?.extra).toEqual(['requestHeaders']);
    expect(listeners.get('onHeadersReceived')?.[0]?.extra).toEqual(['responseHeaders']);
    const firefox = { ...details, initiator: undefined };
    fire('onErrorOccurred', {
      ...firefox,
      originUrl: 'http://localhost:3000/app?x=1',
      error: 'NS_ERROR_DOM_BAD_URI',
    });
    fire('onErrorOccurred', { ...firefox, originUrl: 'data:text/html,x', error: 'NS_ERROR_DOM_BAD_URI' });
    fire('onErrorOccurred', { ...firefox, error: 'NS_ERROR_DOM_BAD_URI' });
    expect(got.map((e) => e.pageOrigin)).toEqual(['http://localhost:3000', 'null']);
  });
});
