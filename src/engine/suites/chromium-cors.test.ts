// Chromium's own expectations for the CORS primitives, ported case by case from
// services/network/public/cpp/cors/cors_unittest.cc at commit f24a8e130d36c035286d0b664743111ac6b10749 (test names
// in each `describe`). The engine runs them through its own functions, in the chrome profile; where the standard
// profile differs, the second column says so. Counts and the explained differences: docs/engine.md, "Ported suites".
import { describe, expect, it } from 'vitest';
import { checkAccess } from '../cors-check.ts';
import {
  corsUnsafeHeaderNames,
  isForbiddenMethod,
  isSafelistedMethod,
  isSafelistedRequestHeader,
  normalizeMethod,
} from '../safelist.ts';
import { simulateFetch } from '../simulate.ts';
import type { BrowserProfile } from '../types.ts';

const safe = (name: string, value: string, browser: BrowserProfile = 'chrome'): boolean =>
  isSafelistedRequestHeader(name.toLowerCase(), value, browser);
const chars = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));

describe('CheckAccessDetects* (CorsTest)', () => {
  const origin = 'http://google.com';
  it.each([
    [
      'WildcardOriginNotAllowed: * without credentials',
      { 'access-control-allow-origin': '*' },
      false,
      null,
      null,
    ],
    [
      'WildcardOriginNotAllowed: * with credentials',
      { 'access-control-allow-origin': '*' },
      true,
      'WildcardOriginNotAllowed',
      '',
    ],
    ['MissingAllowOriginHeader', {}, false, 'MissingAllowOriginHeader', ''],
    [
      'MultipleAllowOriginValues: spaces',
      { 'access-control-allow-origin': 'http://example.com http://another.example.com' },
      false,
      'MultipleAllowOriginValues',
      'http://example.com http://another.example.com',
    ],
    [
      'MultipleAllowOriginValues: commas',
      { 'access-control-allow-origin': 'http://example.com,http://another.example.com' },
      false,
      'MultipleAllowOriginValues',
      'http://example.com,http://another.example.com',
    ],
    [
      'InvalidAllowOriginValue',
      { 'access-control-allow-origin': 'invalid.origin' },
      false,
      'InvalidAllowOriginValue',
      'invalid.origin',
    ],
    ['AllowOriginMismatch: same origin passes', { 'access-control-allow-origin': origin }, false, null, null],
    [
      'AllowOriginMismatch',
      { 'access-control-allow-origin': 'http://not.google.com' },
      false,
      'AllowOriginMismatch',
      'http://not.google.com',
    ],
    [
      'InvalidAllowCredential: true passes',
      { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' },
      true,
      null,
      null,
    ],
    [
      'InvalidAllowCredential: fuga',
      { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'fuga' },
      true,
      'InvalidAllowCredentials',
      'fuga',
    ],
  ] as const)('%s', (_name, headers, credentials, error, parameter) => {
    const failure = checkAccess(headers, origin, credentials, false);
    expect(failure?.corsError ?? null).toBe(error);
    if (parameter !== null) expect(failure?.failedParameter).toBe(parameter);
  });
  it('AllowOriginMismatch: "null" matches an opaque origin', () => {
    expect(checkAccess({ 'access-control-allow-origin': 'null' }, 'null', false, false)).toBeNull();
  });
});

describe('SafelistedMethod, IsForbiddenMethod (CorsTest)', () => {
  it.each([
    ['get', true],
    ['Get', true],
    ['GET', true],
    ['HEAD', true],
    ['POST', true],
    ['OPTIONS', false],
  ])('%s safelisted: %s', (m, expected) => {
    expect(isSafelistedMethod(normalizeMethod(m))).toBe(expected);
  });
  it.each([
    ['connect', true],
    ['CONNECT', true],
    ['Connect', true],
    ['CoNnEcT', true],
    ['C0NNECT', false],
    ['trace', true],
    ['track', true],
    ['trac', false],
    ['tracz', false],
  ])('%s forbidden: %s', (m, expected) => {
    expect(isForbiddenMethod(m)).toBe(expected);
  });
  it.each(['CONNECT', 'trace', 'Track'])(
    'fetch() with %s is refused before anything is sent, in both profiles',
    (m) => {
      for (const browser of ['chrome', 'standard'] as const) {
        const allowAll = { 'access-control-allow-origin': '*', 'access-control-allow-methods': '*' };
        const r = simulateFetch(
          {
            origin: 'http://page.test',
            url: 'http://api.test/x',
            method: m,
            headers: {},
            credentials: 'omit',
            mode: 'cors',
          },
          () => ({
            preflight: { status: 204, headers: allowAll },
            response: { status: 200, headers: allowAll },
          }),
          { browser },
        );
        expect(r).toMatchObject({ blocked: true, stage: 'request', corsError: null, preflightSent: false });
      }
    },
  );
});

describe('SafelistedHeader, SafelistedAccept, SafelistedAcceptLanguage, SafelistedContentLanguage (CorsTest)', () => {
  it('SafelistedHeader', () => {
    expect(safe('accept', 'foo')).toBe(true);
    expect(safe('foo', 'bar')).toBe(false);
    expect(safe('user-agent', 'foo')).toBe(false);
  });
  const acceptAllowed = new Set(
    "\t !#$%&'*+,-./0123456789;=ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz|~",
  );
  it.each(['accept', 'AccepT'])('SafelistedAccept: every byte, and the 128-byte limit (%s)', (name) => {
    for (const c of chars(0, 127)) expect(safe(name, c), JSON.stringify(c)).toBe(acceptAllowed.has(c));
    for (const c of chars(128, 255)) expect(safe(name, c)).toBe(true);
    expect(safe(name, 'a'.repeat(128))).toBe(true);
    expect(safe(name, 'a'.repeat(129))).toBe(false);
    expect(safe(name, 'text/html')).toBe(true);
  });
  const languageAllowed = new Set('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz *,-.;=');
  it.each(['accept-language', 'aCcEPT-lAngUAge', 'content-language', 'cONTent-LANguaGe'])(
    'Safelisted%s: every byte, and the 128-byte limit',
    (name) => {
      expect(safe(name, 'en,ja')).toBe(true);
      for (const c of chars(0, 255)) expect(safe(name, c), JSON.stringify(c)).toBe(languageAllowed.has(c));
      expect(safe(name, 'a'.repeat(128))).toBe(true);
      expect(safe(name, 'a'.repeat(129))).toBe(false);
    },
  );
});

describe('SafelistedContentType (CorsTest)', () => {
  const allowed = new Set(
    "\t !#$%&'*+,-./0123456789;=ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz|~",
  );
  it.each(['content-type', 'cONtent-tYPe'])('every byte in a charset parameter (%s)', (name) => {
    for (const c of chars(0, 127))
      expect(safe(name, `text/plain; charset=${c}`), JSON.stringify(c)).toBe(allowed.has(c));
    for (const c of chars(128, 255)) expect(safe(name, `text/plain; charset=${c}`)).toBe(true);
  });
  it.each([
    ['text/plain', true],
    ['text/plain; charset=utf-8', true],
    ['  text/plain ; charset=UTF-8', true],
    ['text/plain; param=BOGUS', true],
    ['application/x-www-form-urlencoded', true],
    ['multipart/form-data', true],
    ['Text/plain', true],
    ['tEXT/PLAIN', true],
    ['text/html', false],
    ['image/png', false],
    [`text/plain; charset=${'a'.repeat(108)}`, true],
    [`text/plain; charset=${'a'.repeat(109)}`, false],
  ])('%s: %s', (value, expected) => {
    expect(safe('content-type', value)).toBe(expected);
  });
});

/** One row per header name and value: [name, value, safelisted]. */
const valuesFor = (names: readonly string[], values: Record<string, boolean>): [string, string, boolean][] =>
  names.flatMap((n) => Object.entries(values).map(([v, ok]): [string, string, boolean] => [n, v, ok]));

describe('CheckCorsClientHintsSafelist, CheckCorsClientHintsNetworkQuality (CorsTest): Chrome only', () => {
  const cases: [string, string, boolean][] = [
    ...valuesFor(['device-memory', 'DEVICE-memory', 'dpr', 'Dpr'], {
      '': false,
      abc: false,
      '1.25': true,
      '1.25-2.5': false,
      '-1.25': false,
      '1e2': false,
      inf: false,
      '-2.3': false,
      NaN: false,
      '1.25.3': false,
      '1.': false,
      '.1': false,
      '.': false,
      '1': true,
    }),
    ...valuesFor(['width', 'WIDTH', 'viewport-width', 'viewport-Width'], {
      '': false,
      abc: false,
      '125': true,
      '1': true,
      '125.2': false,
      '-125': false,
      '2147483648': true,
    }),
    ...(
      [
        ['', false, false, false],
        ['1', true, true, false],
        ['-1', false, false, false],
        ['1.0', false, true, false],
        ['-1.0', false, false, false],
        ['foo', false, false, false],
        ['2g', false, false, true],
        ['6g', false, false, false],
      ] as const
    ).flatMap(([v, rtt, downlink, ect]): [string, string, boolean][] => [
      ['rtt', v, rtt],
      ['downlink', v, downlink],
      ['ect', v, ect],
    ]),
  ];
  it.each(cases)('%s: %j → %s in Chrome; never safelisted by the standard', (name, value, expected) => {
    expect(safe(name, value, 'chrome')).toBe(expected);
    expect(safe(name, value, 'standard')).toBe(false);
  });
});

describe('CheckCorsRangeSafelist (CorsTest)', () => {
  it.each([
    ['', false],
    ['500', false],
    ['bytes=100-200', true],
    ['BYTES=100-200', true], // Chrome lower-cases the value; the standard does not (profile standard: false)
    ['bytes=100-', true],
    ['bytes=100-200,300-400', false],
    ['bytes=100-200,400', false],
    ['bytes=100-200-400', false],
    ['bytes=100-200,400-', false],
    ['bytes=-50,100-', false],
    ['bytes=200-100', false],
    ['bytes=-200--100', false],
    ['bytes=-50-50', false],
    ['bytes=-200', false],
    ['bytes=100', false],
    ['bytes = 100-200', false],
    ['bytes =100-200', false],
    ['bytes=,100-200', false],
    [',bytes=,100-200', false],
  ])('range %j: %s', (value, expected) => {
    for (const name of ['range', 'Range', 'RANGE']) expect(safe(name, value)).toBe(expected);
    expect(safe('range', value, 'standard')).toBe(value === 'BYTES=100-200' ? false : expected);
  });
});

describe('CorsUnsafeRequestHeaderNames (CorsTest)', () => {
  const sorted = (names: string[]) => [...names].sort();
  const big = (width: number, contentType = 108): [string, string][] => [
    ['content-type', `text/plain; charset=${'1'.repeat(contentType)}`],
    ['accept', '1'.repeat(128)],
    ['accept-language', '1'.repeat(128)],
    ['content-language', '1'.repeat(128)],
    ['dpr', '1'.repeat(128)],
    ['device-memory', '1'.repeat(128)],
    ['save-data', 'on'],
    ['viewport-width', '1'.repeat(128)],
    ['width', '1'.repeat(width)],
    ['hoge', 'fuga'],
  ];
  const all = ['accept', 'accept-language', 'content-language', 'content-type', 'device-memory', 'dpr'];
  it.each([
    ['empty', [], []],
    [
      'some safelisted',
      [
        ['content-type', 'text/plain'],
        ['dpr', '12345'],
        ['accept', 'en,ja'],
        ['accept-charset', 'utf-8'],
        ['user-agent', 'foo'],
        ['hoge', 'fuga'],
      ],
      ['accept-charset', 'user-agent', 'hoge'],
    ],
    [
      'none safelisted',
      [
        ['content-type', 'text/html'],
        ['dpr', '123-45'],
        ['accept', 'en,ja'],
        ['accept-charset', 'utf-8'],
        ['user-agent', 'foo'],
        ['hoge', 'fuga'],
      ],
      ['content-type', 'dpr', 'accept-charset', 'user-agent', 'hoge'],
    ],
    ['safelisted values total 1024', big(126), ['hoge']],
    ['safelisted values total 1025', big(127), [...all, 'hoge', 'save-data', 'viewport-width', 'width']],
    ['897: content-type is not safelisted', big(127, 128), ['content-type', 'hoge']],
  ] as [string, [string, string][], string[]][])('%s', (_name, headers, expected) => {
    expect(corsUnsafeHeaderNames(headers, 'chrome')).toEqual(sorted(expected));
  });
});

// Not ported, explained: SafelistedSecCH* (Sec-CH-UA, -Platform, -Prefers-*, -Viewport-Height, -UA-Form-Factors) are
// safelisted by Chromium but are forbidden request headers (the `Sec-` prefix): a page can never send them, and the
// engine drops them before the safelist is consulted. CheckAccessAndReportMetrics* test UMA histograms only.
// NoCorsSafelistedHeaderName / PrivilegedNoCorsHeaderName concern no-cors header filtering, which does not decide a
// CORS verdict.
