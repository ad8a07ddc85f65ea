import { describe, expect, it } from 'vitest';
import type { CapturedExchange } from './exchange.ts';
import { pack, unpack, type HeaderPair } from './protocol.ts';

const pairs = (n: number): HeaderPair[] =>
  Array.from({ length: n }, (_, i) => ({ name: `x-h${String(i)}`, value: `v${String(i)}` }));

function exchange(
  requestHeaders: HeaderPair[] | null,
  hopHeaders: HeaderPair[],
): CapturedExchange<HeaderPair[]> {
  const url = 'http://127.0.0.1:8000/api';
  return {
    key: 's:1',
    tabId: 1,
    frameId: null,
    kind: 'fetch',
    pageOrigin: 'http://localhost:3000',
    startedAt: 1,
    endedAt: 2,
    request: { url, method: 'GET', headers: requestHeaders },
    preflight: null,
    hops: [{ url, method: 'GET', requestHeaders: hopHeaders, status: 200, responseHeaders: pairs(3) }],
    error: null,
    callSite: null,
  };
}

/** Through the port: Chrome's extension messaging serialises messages as JSON. */
const overThePort = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('packed exchanges (protocol v5)', () => {
  it('send the first request headers once when they are the first hop`s, and give back the same exchange', () => {
    const h = pairs(12);
    const x = exchange(h, h);
    const wire = overThePort(pack(x));
    expect(wire.request.headers).toBe('hop');
    expect(JSON.stringify(wire).length).toBeLessThan(JSON.stringify(x).length * 0.75);
    const back = unpack(wire);
    expect(back).toEqual(x);
    expect(back.request.headers).toBe(back.hops[0]?.requestHeaders); // one array, normalised once (headers.ts)
  });

  it('keep headers of their own, and none, as they are', () => {
    for (const x of [
      exchange(pairs(2), pairs(3)),
      exchange(null, pairs(3)),
      { ...exchange(pairs(2), []), hops: [] },
    ])
      expect(unpack(overThePort(pack(x)))).toEqual(x);
  });
});
