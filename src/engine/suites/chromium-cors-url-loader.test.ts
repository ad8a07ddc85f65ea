// Chromium's CorsURLLoader expectations about the CORS verdict, ported from
// services/network/cors/cors_url_loader_unittest.cc at commit 00722f35d61b8b92d2d9371da379b728e5b9e02d (test names in
// each row). The engine models what a page's fetch()/XHR reaches; the tests of browser-process plumbing (initiator
// locks, navigations, trusted params, exempt headers, origin access lists, TAO, NetLog details, histograms) and the
// differences of a request that bypasses Blink are listed with the reason in docs/engine.md, "Ported suites".
import { describe, expect, it } from 'vitest';
import { checkRedirectLocation } from '../rules/redirect-location.ts';
import { parseUrl } from '../url.ts';
import { answer, chromiumFetch, redirectTo } from './chromium-harness.ts';

const ORIGIN = 'https://example.com';
const URL_ = 'http://other.example.com/foo.png';
const ACAO = { 'access-control-allow-origin': ORIGIN };

describe('CorsURLLoaderTest: one request', () => {
  it.each([
    ['SameOriginRequest', 'https://example.com/foo.png', 'same-origin', {}, null, 'basic'],
    ['CrossOriginRequestWithNoCorsMode', URL_, 'no-cors', {}, null, 'opaque'],
    [
      'CrossOriginRequestWithCorsModeButMissingCorsHeader',
      URL_,
      'cors',
      {},
      'MissingAllowOriginHeader',
      null,
    ],
    ['CrossOriginRequestWithCorsMode', URL_, 'cors', ACAO, null, 'cors'],
    [
      'CrossOriginRequestFetchRequestWithCorsModeButMismatchedCorsHeader',
      URL_,
      'cors',
      { 'access-control-allow-origin': 'http://some-other-domain.com' },
      'AllowOriginMismatch',
      null,
    ],
    ['304ForSimpleGet: a 304 without CORS headers fails', URL_, 'cors', {}, 'MissingAllowOriginHeader', null],
  ] as const)('%s', (name, url, mode, headers, corsError, type) => {
    const status = name.startsWith('304') ? 304 : 200;
    const r = chromiumFetch(ORIGIN, url, { [url]: answer(status, headers) }, { mode });
    expect([r.blocked, r.corsError, r.responseType]).toEqual([corsError !== null, corsError, type]);
    if (mode === 'cors' && !url.startsWith(ORIGIN)) expect(r.requestOrigin).toBe(ORIGIN); // the Origin header was sent
  });

  it('CrossOriginRequestFetchRequestModeSameOrigin: refused before anything is sent', () => {
    // The network service reports DisallowedByMode; fetch() never gets that far in Chrome: Blink rejects the request
    // itself, with no CorsError (measured on Chromium 156), and the standard's main fetch returns a network error.
    for (const browser of ['chrome', 'standard'] as const) {
      const r = chromiumFetch(ORIGIN, URL_, {}, { mode: 'same-origin' }, browser);
      expect([r.blocked, r.corsError, r.stage]).toEqual([true, null, 'request']);
    }
  });

  it('CorsEnabledSameCustomSchemeRequest: a custom scheme is CorsDisabledScheme', () => {
    const r = chromiumFetch('my-scheme://foo', 'my-scheme://bar/baz.png', {});
    expect([r.blocked, r.corsError]).toEqual([true, 'CorsDisabledScheme']);
  });

  it.each([
    ['CONNECT', 'cors'],
    ['CONNECT', 'no-cors'],
    ['CONNECT', 'same-origin'],
    ['TRACE', 'cors'],
    ['TRACE', 'same-origin'],
    ['TRACK', 'cors'],
    ['TRACK', 'same-origin'],
  ] as const)('ForbiddenMethods: %s in %s mode never reaches the network', (method, mode) => {
    const url = 'https://example.com/';
    const r = chromiumFetch(url.slice(0, -1), url, { [url]: answer(200) }, { method, mode });
    expect([r.blocked, r.stage, r.corsError]).toEqual([true, 'request', null]);
  });

  it('PreflightMissingAllowOrigin: a PUT whose preflight has no ACAO', () => {
    const url = 'https://example.com/';
    const r = chromiumFetch(
      'https://foo.example',
      url,
      { [url]: answer(200, {}, { status: 200, headers: {} }) },
      {
        method: 'PUT',
      },
    );
    expect(r.corsError).toBe('PreflightMissingAllowOriginHeader');
  });

  it.each([
    ['NetLogBasic: a custom header needs a preflight', URL_, { Apple: 'red' }, true],
    ['NetLogSameOriginRequest: no preflight', 'https://example.com/foo.png', {}, false],
    ['NetLogCrossOriginSimpleRequest: no preflight', URL_, {}, false],
  ] as const)('%s', (_name, url, headers, preflighted) => {
    const preflight = { status: 200, headers: { ...ACAO, 'access-control-allow-headers': 'Apple' } };
    const r = chromiumFetch(ORIGIN, url, { [url]: answer(200, ACAO, preflight) }, { headers });
    expect([r.blocked, r.preflightSent, r.accessControlRequestHeaders]).toEqual([
      false,
      preflighted,
      preflighted ? 'apple' : null,
    ]);
  });
});

describe('CorsURLLoaderTest: redirects', () => {
  const [a, b, c, home] = [
    'https://other.example.com/foo.png',
    'https://other.example.com/bar.png',
    'https://other2.example.com/bar.png',
    'https://example.com/bar.png',
  ];
  it.each([
    ['CorsCheckPassOnRedirect', a, c, ACAO, { 'access-control-allow-origin': 'null' }, null],
    ['CorsCheckFailOnRedirect', a, c, {}, {}, 'MissingAllowOriginHeader'],
    ['SameOriginToSameOriginRedirect', 'https://example.com/foo.png', home, {}, {}, null],
    ['SameOriginToCrossOriginRedirect', 'https://example.com/foo.png', a, {}, ACAO, null],
    ['CrossOriginToCrossOriginRedirect', a, b, ACAO, ACAO, null],
    ['CrossOriginToOriginalOriginRedirect', a, home, ACAO, {}, 'MissingAllowOriginHeader'],
    ['CrossOriginToAnotherCrossOriginRedirect', a, c, ACAO, { 'access-control-allow-origin': 'null' }, null],
  ] as const)('%s', (_name, from, to, redirectHeaders, finalHeaders, corsError) => {
    const r = chromiumFetch(ORIGIN, from, {
      [from]: redirectTo(301, to, redirectHeaders),
      [to]: answer(200, finalHeaders),
    });
    expect([r.blocked, r.corsError]).toEqual([corsError !== null, corsError]);
  });

  it('CrossOriginToAnotherCrossOriginRedirectWithPreflight: a second preflight, with Origin: null', () => {
    const methods = { 'access-control-allow-methods': 'PATCH' };
    const r = chromiumFetch(
      ORIGIN,
      a,
      {
        [a]: { ...redirectTo(301, c, ACAO), preflight: { status: 200, headers: { ...ACAO, ...methods } } },
        [c]: answer(
          200,
          { 'access-control-allow-origin': 'null' },
          {
            status: 200,
            headers: { 'access-control-allow-origin': 'null', ...methods },
          },
        ),
      },
      { method: 'PATCH' },
    );
    expect([r.blocked, r.preflightSent, r.requestOrigin]).toEqual([false, true, 'null']);
  });

  it('RedirectInfoShouldBeUsed: a 303 turns the POST into a GET, so the cross-origin hop needs no preflight', () => {
    const r = chromiumFetch(
      ORIGIN,
      'https://example.com/foo.png',
      { 'https://example.com/foo.png': redirectTo(303, a), [a]: answer(200, ACAO) },
      { method: 'POST', headers: { 'content-type': 'application/json' } },
    );
    expect([r.blocked, r.preflightSent]).toEqual([false, false]);
  });

  it('TooManyRedirects: the 21st redirect is net::ERR_TOO_MANY_REDIRECTS', () => {
    const hop = (i: number) => `https://example.com/foo.png?${String(i)}`;
    const server = Object.fromEntries(
      Array.from({ length: 21 }, (_, i) => [hop(i), redirectTo(301, hop(i + 1))]),
    );
    const r = chromiumFetch(ORIGIN, hop(0), server);
    expect([r.blocked, r.corsError, r.causes[0]?.message]).toEqual([
      true,
      null,
      expect.stringContaining('ERR_TOO_MANY_REDIRECTS'),
    ]);
  });

  it('FollowErrorRedirect: redirect mode error fails at the first redirect', () => {
    const r = chromiumFetch(
      ORIGIN,
      'https://example.com/foo.png',
      { 'https://example.com/foo.png': redirectTo(301, home) },
      {
        redirect: 'error',
      },
    );
    expect([r.blocked, r.stage]).toEqual([true, 'redirect']);
  });
});

describe('CorsURLLoaderTest.CheckRedirectLocation', () => {
  const origin = 'http://example.com';
  const urls = {
    same: 'http://example.com/',
    cross: 'http://example2.com/',
    data: 'data:,Hello',
    sameUser: 'http://yukari@example.com/',
    samePass: 'http://:tamura@example.com/',
    crossUser: 'http://yukari@example2.com/',
    crossPass: 'http://:tamura@example2.com/',
  };
  type Row = [keyof typeof urls, 'cors' | 'no-cors', boolean, boolean, boolean];
  // [url, request mode (kCorsWithForcedPreflight is cors for this check), cors_flag, tainted, fails]
  const plain: Row[] = (['same', 'cross', 'data'] as const).flatMap((u) =>
    [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ].flatMap(([cors, tainted]) => [[u, 'cors', cors, tainted, false] as Row]),
  );
  const noCors: Row[] = (['same', 'cross', 'data'] as const).flatMap((u) => [
    [u, 'no-cors', false, false, false] as Row,
    [u, 'no-cors', false, true, false] as Row,
  ]);
  const withCredentials: Row[] = (['User', 'Pass'] as const).flatMap((k) => [
    [`same${k}`, 'cors', false, false, false] as Row,
    [`same${k}`, 'cors', true, false, true] as Row,
    [`same${k}`, 'cors', true, true, true] as Row,
    [`same${k}`, 'no-cors', false, false, false] as Row,
    [`same${k}`, 'no-cors', false, true, false] as Row,
    [`cross${k}`, 'cors', false, false, true] as Row,
    [`cross${k}`, 'cors', true, false, true] as Row,
    [`cross${k}`, 'cors', true, true, true] as Row,
    [`cross${k}`, 'no-cors', false, true, false] as Row,
    [`cross${k}`, 'no-cors', false, false, false] as Row,
  ]);
  it.each([...plain, ...noCors, ...withCredentials])(
    '%s, %s, cors_flag %s, tainted %s: fails %s',
    (u, mode, isCors, isTainted, fails) => {
      const location = parseUrl(urls[u]);
      if (location === null) throw new Error(`unparsable ${urls[u]}`);
      const failure = checkRedirectLocation(location, { mode, requestOrigin: origin, isTainted, isCors });
      expect(failure?.corsError ?? null).toBe(fails ? 'RedirectContainsCredentials' : null);
    },
  );
});
