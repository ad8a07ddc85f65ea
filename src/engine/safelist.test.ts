// CORS-safelisted methods and request headers, straight from the Fetch Standard's definitions
// (https://fetch.spec.whatwg.org/#cors-safelisted-request-header).
import { describe, expect, it } from 'vitest';
import {
  authorHeaders,
  corsUnsafeHeaderNames,
  isForbiddenRequestHeader,
  isSafelistedMethod,
  isSafelistedRequestHeader,
  mimeEssence,
  normalizeMethod,
} from './safelist.ts';

describe('methods', () => {
  it.each([
    ['get', 'GET'],
    ['Post', 'POST'],
    ['delete', 'DELETE'],
    ['options', 'OPTIONS'],
    ['head', 'HEAD'],
    ['put', 'PUT'],
    ['patch', 'patch'],
    ['PATCH', 'PATCH'],
    ['Connect', 'Connect'],
  ])('normalize %s → %s (only the six are upper-cased)', (m, expected) => {
    expect(normalizeMethod(m)).toBe(expected);
  });

  it.each([
    ['GET', true],
    ['HEAD', true],
    ['POST', true],
    ['PUT', false],
    ['DELETE', false],
    ['patch', false],
    ['get', false],
  ])('safelisted(%s) = %s', (m, expected) => {
    expect(isSafelistedMethod(m)).toBe(expected);
  });
});

describe('isSafelistedRequestHeader', () => {
  it.each([
    ['accept', '*/*', true],
    ['accept', 'application/json', true],
    ['accept', 'text/html(1)', false], // ( and ) are CORS-unsafe bytes
    ['accept', 'a'.repeat(128), true],
    ['accept', 'a'.repeat(129), false], // the 128-byte limit
    ['accept-language', 'en-US,en;q=0.9', true],
    ['accept-language', 'en(US)', false],
    ['content-language', 'de-DE', true],
    ['content-language', 'de_DE', false], // '_' is outside the allowed set
    ['content-type', 'text/plain', true],
    ['content-type', 'text/plain;charset=UTF-8', true],
    ['content-type', 'Multipart/Form-Data; boundary=x', true],
    ['content-type', 'application/x-www-form-urlencoded', true],
    ['content-type', 'application/json', false],
    ['content-type', 'text/plain, application/json', false],
    ['content-type', 'text/plain; charset="utf-8"', false], // '"' is an unsafe byte
    ['content-type', 'text', false],
    ['range', 'bytes=0-', true],
    ['range', 'bytes=0-499', true],
    ['range', 'bytes=500-100', false], // start after end
    ['range', 'bytes=0-1,3-4', false], // several ranges
    ['range', 'bytes=-500', false], // suffix range
    ['range', 'bytes = 0-1', false], // whitespace not allowed
    ['x-requested-with', 'XMLHttpRequest', false],
    ['authorization', 'Bearer x', false],
  ] as const)('%s: %j → %s', (name, value, expected) => {
    expect(isSafelistedRequestHeader(name, value)).toBe(expected);
  });

  it('parses MIME essences', () => {
    expect(mimeEssence(' Text/Plain ; charset=utf-8')).toBe('text/plain');
    expect(mimeEssence('/plain')).toBeNull();
  });
});

describe("Chromium's extra safelisted headers (measured on Chromium 156, scenarios client-hint-*)", () => {
  it.each([
    ['dpr', '2', true],
    ['dpr', '1.5', true],
    ['dpr', 'x', false],
    ['dpr', '1.', false],
    ['device-memory', '8', true],
    ['width', '100', true],
    ['width', '1.5', false],
    ['viewport-width', '1024', true],
    ['save-data', 'on', true],
    ['save-data', 'off', false],
    ['intervention', 'anything', true],
    ['lang', 'en', false],
  ] as const)('chrome: %s: %j → %s; the standard never safelists it', (name, value, expected) => {
    expect(isSafelistedRequestHeader(name, value, 'chrome')).toBe(expected);
    expect(isSafelistedRequestHeader(name, value, 'standard')).toBe(false);
  });
});

describe('forbidden request headers (dropped by the browser)', () => {
  it.each([
    'cookie',
    'origin',
    'host',
    'referer',
    'content-length',
    'sec-fetch-mode',
    'proxy-authorization',
    'access-control-request-method',
  ])('%s', (name) => {
    expect(isForbiddenRequestHeader(name, 'x', 'chrome')).toBe(true);
  });

  it('User-Agent: Chromium drops it, the standard lets the page set it', () => {
    expect(isForbiddenRequestHeader('user-agent', 'x', 'chrome')).toBe(true);
    expect(isForbiddenRequestHeader('user-agent', 'x', 'standard')).toBe(false);
  });

  it('method-override headers are forbidden only with a forbidden method', () => {
    expect(isForbiddenRequestHeader('x-http-method-override', 'TRACE', 'chrome')).toBe(true);
    expect(isForbiddenRequestHeader('x-http-method-override', 'PUT', 'chrome')).toBe(false);
  });

  it('authorHeaders drops them and lowercases the rest', () => {
    expect(authorHeaders({ Cookie: 'a=1', 'X-Trace': '1', Origin: 'http://evil' }, 'chrome')).toEqual([
      ['x-trace', '1'],
    ]);
  });
});

describe('corsUnsafeHeaderNames', () => {
  it('sorted, lowercase, safelisted ones left out', () => {
    expect(
      corsUnsafeHeaderNames([
        ['x-b', '1'],
        ['content-type', 'application/json'],
        ['accept', '*/*'],
        ['authorization', 'x'],
      ]),
    ).toEqual(['authorization', 'content-type', 'x-b']);
  });

  it('safelisted headers become unsafe when their values exceed 1024 bytes together', () => {
    const big = 'a'.repeat(120);
    const entries: [string, string][] = [
      ['accept', big],
      ['accept-language', 'a'.repeat(120)],
      ['content-language', 'a'.repeat(120)],
    ];
    expect(corsUnsafeHeaderNames(entries)).toEqual([]);
    const many: [string, string][] = Array.from({ length: 9 }, (_, i) => [
      i % 2 === 0 ? 'accept' : 'content-language',
      `${'a'.repeat(120)}${String(i)}`,
    ]);
    // 9 x 121 bytes = 1089 > 1024: every safelisted name now needs the preflight's permission.
    expect(corsUnsafeHeaderNames(many)).toEqual(['accept', 'content-language']);
  });
});
