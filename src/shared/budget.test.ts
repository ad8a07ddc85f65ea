import { describe, expect, it } from 'vitest';
import { budgetRecord, TRUNCATED } from './budget.ts';
import { LIMITS } from './limits.ts';
import type { ExchangeRecord } from './model.ts';

const big = (n: number): string => 'x'.repeat(n);
function record(headerCount: number, valueChars: number): ExchangeRecord {
  const headers: Record<string, string> = {};
  for (let i = 0; i < headerCount; i++) headers[`x-h${i}-${big(1_000)}`] = big(valueChars);
  return {
    id: 'r',
    tabId: 1,
    frameId: 0,
    startedAt: 0,
    done: true,
    observed: {
      pageOrigin: 'http://localhost:3000',
      method: `M${big(10_000)}`,
      url: `http://a/${big(100_000)}`,
      requestHeaders: headers,
      hops: [{ url: 'http://a/', method: 'GET', requestHeaders: {}, status: 200, responseHeaders: headers }],
      netError: 'net::ERR_FAILED',
    },
    callSite: {
      url: big(50_000),
      line: 1,
      column: 1,
      functionName: big(50_000),
      callers: Array.from({ length: 40 }, () => ({ url: big(50_000), line: 1, column: 1 })),
    },
    pageError: null,
  };
}

describe('budgetRecord', () => {
  it('bounds a record of 200 headers of 2 KB with 1 KB names (≈1.3 MB) to its byte budget, marking every cut', () => {
    const raw = record(200, 2_048);
    expect(JSON.stringify(raw).length).toBeGreaterThan(1_000_000);
    const r = budgetRecord(raw);
    expect(JSON.stringify(r).length).toBeLessThanOrEqual(LIMITS.recordBytes);
    expect(r.observed.method.endsWith(TRUNCATED)).toBe(true);
    expect(r.observed.url.endsWith(TRUNCATED)).toBe(true);
    expect(r.callSite?.functionName.endsWith(TRUNCATED)).toBe(true);
    expect(r.callSite?.callers).toHaveLength(LIMITS.callerFrames);
    expect(r.callSite?.callers?.every((f) => f.url.endsWith(TRUNCATED))).toBe(true);
    expect(Object.keys(r.observed.requestHeaders ?? {})).toHaveLength(LIMITS.headersPerMessage);
  });
  it('leaves an ordinary record as it was', () => {
    const r = record(3, 10);
    r.observed.method = 'PUT';
    r.observed.url = 'http://a/b';
    r.callSite = { url: 'http://a/app.js', line: 1, column: 2, functionName: 'send' };
    const out = budgetRecord({ ...r, observed: { ...r.observed, requestHeaders: { a: 'b' }, hops: [] } });
    expect(out.observed).toEqual({ ...r.observed, requestHeaders: { a: 'b' }, hops: [] });
    expect(out.callSite).toEqual(r.callSite);
  });
  it('keeps a header set that fits as it is, and copies one that has a prototype into a safe map', () => {
    const safe = Object.assign(Object.create(null) as Record<string, string>, { a: 'b', 'x-y': 'z' });
    const plain = JSON.parse('{"__proto__": "v", "a": "b"}') as Record<string, string>;
    const r = record(0, 0);
    const hop = (h: Record<string, string>) => ({
      url: 'http://a/',
      method: 'GET',
      status: 200,
      requestHeaders: h,
      responseHeaders: h,
    });
    const out = budgetRecord({ ...r, observed: { ...r.observed, hops: [hop(safe), hop(plain)] } });
    expect(out.observed.hops[0]?.requestHeaders).toBe(safe);
    const copied = out.observed.hops[1]?.responseHeaders ?? {};
    expect(copied).not.toBe(plain);
    expect(Object.getPrototypeOf(copied)).toBeNull();
    expect(Object.entries(copied)).toEqual([
      ['__proto__', 'v'],
      ['a', 'b'],
    ]);
  });
  it('copies a set whose repeated header is not two or more values into the form addHeader makes', () => {
    const odd = Object.assign(Object.create(null) as Record<string, string[]>, { a: ['1'], b: [] });
    const r = record(0, 0);
    const hop = { url: 'http://a/', method: 'GET', status: 200, requestHeaders: odd, responseHeaders: odd };
    const out = budgetRecord({ ...r, observed: { ...r.observed, hops: [hop] } });
    expect(out.observed.hops[0]?.requestHeaders).not.toBe(odd);
    expect({ ...out.observed.hops[0]?.requestHeaders }).toEqual({ a: '1' });
  });
});
