// The preflight cache across successive requests: max-age, Chrome's 2-hour cap, the key, credentials, and what a
// server change does (docs/engine.md, "The preflight cache").
import { describe, expect, it } from 'vitest';
import type { PreflightCache } from './preflight-cache.ts';
import { simulateFetch } from './simulate.ts';
import type { BrowserProfile, ServerAnswer, SimRequest } from './types.ts';

const PAGE = 'http://page.test';
const put = (url = 'http://api.test/x', extra: Partial<SimRequest> = {}): SimRequest => ({
  origin: PAGE,
  url,
  method: 'PUT',
  headers: { 'x-token': 't' },
  credentials: 'omit',
  mode: 'cors',
  ...extra,
});
const server = (allowHeaders: string, maxAge: string | null) => (): ServerAnswer => ({
  preflight: {
    status: 204,
    headers: {
      'access-control-allow-origin': PAGE,
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': allowHeaders,
      ...(maxAge === null ? {} : { 'access-control-max-age': maxAge }),
    },
  },
  response: { status: 200, headers: { 'access-control-allow-origin': PAGE } },
});
const run = (
  cache: PreflightCache,
  s: ReturnType<typeof server>,
  r = put(),
  browser: BrowserProfile = 'chrome',
) => simulateFetch(r, s, { preflightCache: cache, browser });

describe('preflight cache', () => {
  it('a cached answer spares the next preflight until max-age runs out (default 5 s)', () => {
    const cache: PreflightCache = { now: 0, entries: [] };
    expect(run(cache, server('x-token', null)).preflightSent).toBe(true);
    cache.now = 4;
    expect(run(cache, server('x-token', null)).preflightSent).toBe(false);
    cache.now = 5;
    expect(run(cache, server('x-token', null)).preflightSent).toBe(true);
  });

  it('Chrome caps max-age at 2 hours; the standard profile (Firefox) at 24 hours', () => {
    for (const [browser, limit] of [
      ['chrome', 7200],
      ['standard', 86400],
    ] as const) {
      const cache: PreflightCache = { now: 0, entries: [] };
      run(cache, server('x-token', '31536000'), put(), browser);
      cache.now = limit - 1;
      expect(run(cache, server('x-token', '31536000'), put(), browser).preflightSent, browser).toBe(false);
      cache.now = limit;
      expect(run(cache, server('x-token', '31536000'), put(), browser).preflightSent, browser).toBe(true);
    }
  });

  it('the key is origin + URL: another path, or a credentialed request after an uncredentialed entry, asks again', () => {
    const cache: PreflightCache = { now: 0, entries: [] };
    const s = server('x-token', '600');
    run(cache, s);
    expect(run(cache, s, put('http://api.test/y')).preflightSent).toBe(true);
    expect(run(cache, s, put('http://api.test/x', { credentials: 'include' })).preflightSent).toBe(true);
    expect(run(cache, s, put('http://api.test/x', { headers: { 'x-other': '1' } })).preflightSent).toBe(true);
  });

  it('"I fixed the server but it still fails": a failed preflight is never cached, so the fix is seen at once', () => {
    const cache: PreflightCache = { now: 0, entries: [] };
    const broken = run(cache, server('content-type', '7200'));
    expect(broken.corsError).toBe('HeaderDisallowedByPreflightResponse');
    expect(cache.entries).toEqual([]);
    cache.now = 1;
    const fixed = run(cache, server('content-type, x-token', '7200'));
    expect(fixed).toMatchObject({ blocked: false, preflightSent: true });
  });

  it('the reverse holds: a server broken after a success keeps working from the cache until max-age ends', () => {
    const cache: PreflightCache = { now: 0, entries: [] };
    run(cache, server('x-token', '7200'));
    cache.now = 3600;
    expect(run(cache, server('content-type', '7200'))).toMatchObject({
      blocked: false,
      preflightSent: false,
    });
    cache.now = 7200;
    expect(run(cache, server('content-type', '7200')).corsError).toBe('HeaderDisallowedByPreflightResponse');
  });

  it('max-age 0 or a negative value caches nothing in Chrome', () => {
    for (const age of ['0', '-1']) {
      const cache: PreflightCache = { now: 0, entries: [] };
      run(cache, server('x-token', age));
      expect(cache.entries, age).toEqual([]);
    }
  });
});
