// Capture in Firefox, unit view: its event order (a preflight reported after its request, again at each redirect)
// and the engine's judgement of what Firefox's webRequest completes. test/firefox/capture.ts checks both in real
// Firefox over the agreement scenarios.
import { describe, expect, it } from 'vitest';
import type { CapturedExchange } from '../shared/exchange.ts';
import { FIREFOX_CORS_ERROR, judgeByEngine } from './firefox-judge.ts';
import { createWebRequestAssembler, type CaptureEvent } from './web-request-exchanges.ts';
import { API, ev, PAGE } from './test-support.ts';

function assemble(events: CaptureEvent[], preflightAfterRequest: boolean): CapturedExchange[] {
  const out: CapturedExchange[] = [];
  let now = 0;
  const a = createWebRequestAssembler({
    preflightAfterRequest,
    now: () => now,
    setTimer: () => undefined,
    emit: (x) => out.push(structuredClone(x)),
  });
  for (const e of events) {
    now = e.at;
    a.apply(e, false);
  }
  return out;
}

describe("Firefox's webRequest order", () => {
  // Measured in Firefox 153: the PUT's onBeforeSendHeaders, then its preflight's events, then the PUT's error.
  const failedPreflight = [
    ev.sent('1', { at: 10, method: 'PUT' }),
    ev.preflight('2', 'PUT', { at: 11 }),
    ev.headers('2', 405, { at: 12 }),
    ev.failed('2', { at: 13 }),
    ev.failed('1', { at: 14, method: 'PUT' }),
  ];

  it('links a preflight reported after its request', () => {
    const [x] = assemble(failedPreflight, true);
    expect(x?.preflight).toMatchObject({ url: `${API}/a`, method: 'OPTIONS', status: 405 });
    expect(x?.startedAt).toBe(10);
  });

  it("leaves Chrome's order alone: there a preflight comes first or not at all", () => {
    expect(assemble(failedPreflight, false)[0]?.preflight).toBeNull();
  });

  it('keeps the preflight of the hop that failed after a redirect (Firefox preflights again)', () => {
    const target = `${API}/b`;
    const [x] = assemble(
      [
        ev.sent('1', { at: 10, method: 'POST' }),
        ev.preflight('2', 'POST', { at: 11 }),
        ev.headers('2', 204, { at: 12 }),
        ev.headers('1', 303, { at: 13, method: 'POST', headers: { location: target } }),
        ev.sent('1', { at: 14, url: target }),
        ev.preflight('3', 'GET', { at: 15, url: target }),
        ev.headers('3', 404, { at: 16, url: target }),
        ev.failed('3', { at: 17, url: target }),
        ev.failed('1', { at: 18, url: target }),
      ],
      true,
    );
    expect(x?.preflight).toMatchObject({ url: target, status: 404 });
    expect(x?.hops.map((h) => h.status)).toEqual([303]);
  });
});

const exchange = (
  responseHeaders: Record<string, string>,
  requestHeaders: Record<string, string> = {},
  error: string | null = null,
): CapturedExchange => ({
  key: '1',
  tabId: 1,
  frameId: 0,
  kind: null,
  pageOrigin: PAGE,
  startedAt: 0,
  endedAt: 1,
  request: { url: `${API}/a`, method: 'GET', headers: { origin: PAGE, ...requestHeaders } },
  preflight: null,
  hops: [
    {
      url: `${API}/a`,
      method: 'GET',
      requestHeaders: { origin: PAGE, ...requestHeaders },
      status: 200,
      responseHeaders,
    },
  ],
  error,
  callSite: null,
});

describe('judgeByEngine (what Firefox completes or fails with another error)', () => {
  it('fails a completed response without ACAO', () => {
    expect(judgeByEngine(exchange({})).error).toBe(FIREFOX_CORS_ERROR);
  });

  it('leaves an allowed response, an opaque one, and one without a response', () => {
    expect(judgeByEngine(exchange({ 'access-control-allow-origin': PAGE })).error).toBeNull();
    expect(judgeByEngine(exchange({}, { 'sec-fetch-mode': 'no-cors' })).error).toBeNull();
    const refused = { ...exchange({}), hops: [], error: 'NS_ERROR_CONNECTION_REFUSED' };
    expect(judgeByEngine(refused).error).toBe('NS_ERROR_CONNECTION_REFUSED');
  });

  it('judges `*` by the evidence of credentials: blocked with a Cookie, left allowed without one', () => {
    const star = { 'access-control-allow-origin': '*' };
    expect(judgeByEngine(exchange(star, { cookie: 'sid=1' })).error).toBe(FIREFOX_CORS_ERROR);
    expect(judgeByEngine(exchange(star)).error).toBeNull();
  });

  it('takes Sec-Fetch-Storage-Access (a credentialed cross-site call, no cookie needed) as credentials', () => {
    const sfsa = { 'sec-fetch-storage-access': 'none' };
    expect(judgeByEngine(exchange({ 'access-control-allow-origin': '*' }, sfsa)).error).toBe(
      FIREFOX_CORS_ERROR,
    );
    expect(judgeByEngine(exchange({ 'access-control-allow-origin': PAGE }, sfsa)).error).toBe(
      FIREFOX_CORS_ERROR,
    );
    const both = { 'access-control-allow-origin': PAGE, 'access-control-allow-credentials': 'true' };
    expect(judgeByEngine(exchange(both, sfsa)).error).toBeNull();
  });

  it("names a redirect's CORS failure, which Firefox ends in another error", () => {
    const x = exchange({ location: `${API}/b` }, {}, 'NS_ERROR_NET_ON_RECEIVING_FROM');
    const redirect = { ...x, hops: x.hops.map((h) => ({ ...h, status: 302 })) };
    expect(judgeByEngine(redirect).error).toBe(FIREFOX_CORS_ERROR);
  });
});
