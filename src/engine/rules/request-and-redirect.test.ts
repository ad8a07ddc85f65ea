// Request-mode, redirect-location and expose-headers rules (Fetch Standard §4.1 main fetch, §4.4 HTTP-redirect
// fetch, §2.2.6 CORS-safelisted response-header names).
import { describe, expect, it } from 'vitest';
import { parseUrl } from '../url.ts';
import { readableHeaders } from './expose-headers.ts';
import { checkRedirectLocation, taintsOrigin } from './redirect-location.ts';
import { checkRequestMode } from './request-mode.ts';

describe('request-mode', () => {
  it.each([
    ['same-origin', 'follow', 'http', 'DisallowedByMode'],
    ['no-cors', 'manual', 'http', 'NoCorsRedirectModeNotFollow'],
    ['no-cors', 'follow', 'ftp', null],
    ['cors', 'follow', 'ftp', 'CorsDisabledScheme'],
    ['cors', 'follow', 'https', null],
  ] as const)('mode %s, redirect %s, scheme %s → %s', (mode, redirect, scheme, expected) => {
    expect(checkRequestMode({ mode, redirect, scheme })?.corsError ?? null).toBe(expected);
  });
});

describe('redirect-location', () => {
  const at = (url: string) => {
    const p = parseUrl(url);
    if (p === null) throw new Error(url);
    return p;
  };
  const ctx = (isTainted: boolean, isCors: boolean, mode: 'cors' | 'no-cors' = 'cors') => ({
    mode,
    requestOrigin: 'http://page.test',
    isTainted,
    isCors,
  });
  it('userinfo in a cross-origin Location is refused, even from a same-origin hop (check a)', () => {
    expect(checkRedirectLocation(at('http://u:p@api.test/x'), ctx(false, true))?.corsError).toBe(
      'RedirectContainsCredentials',
    );
    expect(checkRedirectLocation(at('http://u:p@api.test/x'), ctx(false, false))?.corsError).toBe(
      'RedirectContainsCredentials',
    );
  });
  it('userinfo back to the request origin is fine only before any cross-origin hop (check b)', () => {
    expect(checkRedirectLocation(at('http://u:p@page.test/x'), ctx(false, false))).toBeNull();
    expect(checkRedirectLocation(at('http://u:p@page.test/x'), ctx(false, true))?.corsError).toBe(
      'RedirectContainsCredentials',
    );
    expect(checkRedirectLocation(at('http://u:p@page.test/x'), ctx(true, true))?.corsError).toBe(
      'RedirectContainsCredentials',
    );
  });
  it('no-cors is never refused for userinfo', () => {
    expect(checkRedirectLocation(at('http://u:p@api.test/x'), ctx(false, false, 'no-cors'))).toBeNull();
  });
  it.each([
    ['http://page.test', 'http://api.test', 'http://other.test', true], // cross-origin URL → third origin: tainted
    ['http://page.test', 'http://api.test', 'http://api.test', false], // same origin hop
    ['http://page.test', 'http://page.test', 'http://api.test', false], // leaving the page's own origin does not taint
    ['http://page.test', 'http://api.test', 'http://page.test', true], // coming back through a cross-origin hop does
  ] as const)('taint: request %s, current %s → %s: %s', (req, cur, loc, expected) => {
    expect(taintsOrigin(req, cur, loc)).toBe(expected);
  });
});

describe('expose-headers', () => {
  const headers = {
    'Content-Type': 'application/json',
    'X-Secret': '1',
    'X-Exposed': '2',
    'Set-Cookie': 'a=1',
    'Access-Control-Expose-Headers': 'X-Exposed',
  };
  it('CORS: safelisted plus exposed', () => {
    expect(readableHeaders(headers, 'cors', false)).toEqual(['content-type', 'x-exposed']);
  });
  it('* exposes all but Set-Cookie, only without credentials', () => {
    const star = { ...headers, 'Access-Control-Expose-Headers': '*' };
    expect(readableHeaders(star, 'cors', false)).toEqual([
      'access-control-expose-headers',
      'content-type',
      'x-exposed',
      'x-secret',
    ]);
    expect(readableHeaders(star, 'cors', true)).toEqual(['content-type']);
  });
  it('basic: everything but Set-Cookie; opaque: nothing', () => {
    expect(readableHeaders(headers, 'basic', false)).not.toContain('set-cookie');
    expect(readableHeaders(headers, 'opaque', false)).toEqual([]);
  });
});
