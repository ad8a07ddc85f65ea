// Chromium's PreflightResult expectations, ported from services/network/public/cpp/cors/preflight_result_unittest.cc
// at commit 5b83ed465231eb0bb65d444348d89cb5a66501a0 (MaxAge, EnsureMethods, EnsureHeaders, EnsureRequest), with the
// constants of preflight_result.cc at the same commit (kDefaultTimeout 5 s, kMaxTimeout 2 h). The preflight answer's
// lists are checked by the engine's preflight rules; the cache's by src/engine/preflight-cache.ts.
import { describe, expect, it } from 'vitest';
import { checkPreflight } from '../preflight.ts';
import { cacheEntryAllows, cacheEntryFor, maxAgeSeconds } from '../preflight-cache.ts';
import { corsUnsafeHeaderNames, normalizeMethod } from '../safelist.ts';
import type { HeaderMap } from '../types.ts';

const ORIGIN = 'http://page.test';
const answer = (methods: string, headers: string, extra: HeaderMap = {}) => ({
  status: 204,
  headers: {
    'access-control-allow-origin': ORIGIN,
    'access-control-allow-credentials': 'true',
    ...(methods === '' ? {} : { 'access-control-allow-methods': methods }),
    ...(headers === '' ? {} : { 'access-control-allow-headers': headers }),
    ...extra,
  },
});
const parseHeaders = (raw: string): [string, string][] =>
  raw === ''
    ? []
    : raw.split('\r\n').map((line) => {
        const i = line.indexOf(':');
        return [line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim()];
      });

/** The engine's verdict on a preflight answer for this request: the CorsError and its parameter, or null. */
function verdict(
  methods: string,
  headers: string,
  cacheCreds: boolean,
  method: string,
  requestHeaders: string,
) {
  // The request goes through fetch(): its method is normalized and its forbidden headers were refused by Blink, so the
  // unsafe names are the ones the network service computes for the preflight (CorsUnsafeNotForbiddenRequestHeaderNames).
  const unsafe = corsUnsafeHeaderNames(
    parseHeaders(requestHeaders).filter(([n]) => n !== 'host'),
    'chrome',
  );
  const out = checkPreflight(
    answer(methods, headers),
    ORIGIN,
    normalizeMethod(method),
    unsafe,
    cacheCreds,
    {},
  );
  return out.failure === null ? null : [out.failure.corsError, out.failure.failedParameter];
}

// [allow_methods, allow_headers, cache credentials, request method, request headers, expected]
type Case = [string, string, boolean, string, string, [string, string] | null];
/** A method row: no allowed headers, no credentials, no request headers. */
const m = (allowMethods: string, method: string, expected: Case[5] = null): Case => [
  allowMethods,
  '',
  false,
  method,
  '',
  expected,
];
const methodCases: Case[] = [
  m('OPTIONS', 'OPTIONS'),
  m('GET', 'GET'),
  m('HEAD', 'HEAD'),
  m('POST', 'POST'),
  m('PUT', 'PUT'),
  m('DELETE', 'DELETE'),
  m('', 'GET'),
  m('', 'HEAD'),
  m('', 'POST'),
  m('*', 'OPTIONS'),
  m('GET, PUT, DELETE', 'GET'),
  m('GET, PUT, DELETE', 'PUT'),
  m('GET, PUT, DELETE', 'DELETE'),
  m('', 'OPTIONS', ['MethodDisallowedByPreflightResponse', 'OPTIONS']),
  m('', 'PUT', ['MethodDisallowedByPreflightResponse', 'PUT']),
  m('', 'DELETE', ['MethodDisallowedByPreflightResponse', 'DELETE']),
  m('GET', 'PUT', ['MethodDisallowedByPreflightResponse', 'PUT']),
  m('GET, POST, DELETE', 'PUT', ['MethodDisallowedByPreflightResponse', 'PUT']),
  m('put', 'PUT', ['MethodDisallowedByPreflightResponse', 'PUT']),
  // Explained difference: the unit test hands PreflightResult the raw `put`, and expects `put` as the parameter; a
  // page's fetch() normalizes `put` to `PUT` first (Fetch "normalize a method"), so Chrome reports `PUT`.
  m('put', 'put', ['MethodDisallowedByPreflightResponse', 'PUT']),
  m('PUT', 'put'),
  m('get', 'GET'),
];
const headerCases: Case[] = [
  ['GET', 'X-MY-HEADER', false, 'GET', 'X-MY-HEADER:t', null],
  ['GET', 'X-MY-HEADER, Y-MY-HEADER', false, 'GET', 'X-MY-HEADER:t\r\nY-MY-HEADER:t', null],
  ['GET', 'x-my-header, Y-MY-HEADER', false, 'GET', 'X-MY-HEADER:t\r\ny-my-header:t', null],
  ['GET', '', false, 'GET', 'Accept:*/*', null],
  ['GET', '*', false, 'GET', 'xyzzy:t', null],
  ['GET', '*', true, 'GET', 'xyzzy:t', ['HeaderDisallowedByPreflightResponse', 'xyzzy']],
  ['GET', '', false, 'GET', 'Host: www.google.com', null],
  ['GET', '', false, 'GET', 'X-MY-HEADER:t', ['HeaderDisallowedByPreflightResponse', 'x-my-header']],
  [
    'GET',
    'X-SOME-OTHER-HEADER',
    false,
    'GET',
    'X-MY-HEADER:t',
    ['HeaderDisallowedByPreflightResponse', 'x-my-header'],
  ],
  [
    'GET',
    'X-MY-HEADER',
    false,
    'GET',
    'X-MY-HEADER:t\r\nY-MY-HEADER:t',
    ['HeaderDisallowedByPreflightResponse', 'y-my-header'],
  ],
];

describe('EnsureMethods, EnsureHeaders (PreflightResultTest)', () => {
  it.each([...methodCases, ...headerCases])(
    'ACAM %j ACAH %j (credentials %s): %s %j → %j',
    (methods, headers, creds, method, requestHeaders, expected) => {
      expect(verdict(methods, headers, creds, method, requestHeaders)).toEqual(expected);
    },
  );
});

describe('EnsureRequest (PreflightResultTest): what a cached entry answers', () => {
  const key = (credentials: boolean) => ({ origin: ORIGIN, url: 'http://api.test/x', credentials });
  it.each([...methodCases, ...headerCases])(
    'ACAM %j ACAH %j (credentials %s): %s %j → allowed from the cache iff %j is null',
    (methods, headers, creds, method, requestHeaders, expected) => {
      const entry = cacheEntryFor(answer(methods, headers), key(creds), 0);
      if (entry === null) throw new Error('not cached');
      const unsafe = corsUnsafeHeaderNames(parseHeaders(requestHeaders).filter(([n]) => n !== 'host'));
      expect(cacheEntryAllows(entry, normalizeMethod(method), unsafe, false)).toBe(expected === null);
    },
  );
  it.each([
    [true, false, true],
    [true, true, true],
    [false, false, true],
    [false, true, false],
  ])(
    'an entry made with credentials %s answers a request with credentials %s: %s',
    (cached, asked, expected) => {
      const entry = cacheEntryFor(answer('GET', ''), key(cached), 0);
      if (entry === null) throw new Error('not cached');
      expect(cacheEntryAllows(entry, 'GET', [], asked)).toBe(expected);
    },
  );
});

describe('MaxAge (PreflightResultTest) and the constants of preflight_result.cc', () => {
  it.each([
    ['573', 573, 573],
    ['-765', 0, 5], // Chromium: invalid → 0, not cached; the standard: "extracting" fails → the default 5
    [null, 5, 5], // kDefaultTimeout
    ['86400', 7200, 86400], // kMaxTimeout 2 h; Firefox's (the standard profile's) 24 h
    ['1.5', 0, 5],
  ])('Access-Control-Max-Age %j → Chrome %i s, standard %i s', (value, chrome, standard) => {
    expect(maxAgeSeconds(value, 'chrome')).toBe(chrome);
    expect(maxAgeSeconds(value, 'standard')).toBe(standard);
  });
});
