import { describe, expect, it } from 'vitest';
import type { Observed } from '../engine/types.ts';
import { fixRequestFrom } from './request.ts';
import { diagnosisOf } from './test-support.ts';

const base: Observed = {
  pageOrigin: 'http://localhost:3000',
  method: 'POST',
  url: 'http://127.0.0.1:8000/api/chat',
  requestHeaders: {
    'Content-Type': 'application/json',
    Authorization: 'Bearer x',
    Accept: 'application/json',
    Cookie: 'sid=1',
  },
  hops: [],
  netError: 'net::ERR_FAILED',
  readHeaders: ['X-Request-Id', 'content-type'],
};

describe('fixRequestFrom', () => {
  it('takes the non-safelisted headers the page set, credentials from the Cookie, and only unsafe read headers', () => {
    expect(fixRequestFrom(base, diagnosisOf('PreflightMissingAllowOriginHeader'))).toMatchObject({
      origin: 'http://localhost:3000',
      url: 'http://127.0.0.1:8000/api/chat',
      method: 'POST',
      requestHeaders: ['authorization', 'content-type'],
      credentials: true,
      exposeHeaders: ['x-request-id'],
    });
  });
  it("prefers the preflight's Access-Control-Request-* over the page headers", () => {
    const o: Observed = {
      ...base,
      requestHeaders: {},
      preflight: {
        url: base.url,
        method: 'OPTIONS',
        requestHeaders: {
          'Access-Control-Request-Method': 'patch',
          'Access-Control-Request-Headers': 'x-b,X-A',
        },
        status: 405,
        responseHeaders: {},
      },
    };
    const r = fixRequestFrom(o, diagnosisOf('PreflightMissingAllowOriginHeader'));
    expect(r.method).toBe('PATCH');
    expect(r.requestHeaders).toEqual(['x-a', 'x-b']);
    // A failed preflight carries no cookies: nothing says whether the call sends credentials, so the fix allows
    // them for this one origin (it then works either way) and says it assumed so.
    expect(r.credentials).toBe(true);
    expect(r.facts?.credentials.basis).toBe('assumed');
    const omit = fixRequestFrom(
      { ...o, credentials: 'omit' },
      diagnosisOf('PreflightMissingAllowOriginHeader'),
    );
    expect(omit.credentials).toBe(false);
    expect(omit.facts?.credentials).toMatchObject({ basis: 'evidence', allow: false });
  });
  it('treats a simple Content-Type as safelisted and uses the diagnosed credentials mode', () => {
    const o: Observed = { ...base, requestHeaders: { 'content-type': 'text/plain;charset=UTF-8' } };
    const r = fixRequestFrom(o, diagnosisOf('WildcardOriginNotAllowed', { credentials: true }));
    expect(r.requestHeaders).toEqual([]);
    expect(r.credentials).toBe(true);
  });
});
