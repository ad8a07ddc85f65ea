// web-platform-tests expectations for the rest of fetch/api/cors, ported to the engine (both profiles agree):
// cors-basic.any.js @ 8cc44e820e0458d34a5090dd1c8ce37358183279,
// cors-multiple-origins.js @ f55e51f67ea8ff206db48ad4d96d02da608b70dd,
// cors-no-preflight.any.js, cors-origin.any.js, cors-preflight-cache.any.js, cors-preflight-redirect.any.js,
// cors-redirect-preflight.any.js @ 7521c85d6471edb3d57ffcc375d5daee77f44bce,
// cors-preflight.any.js as mirrored in chromium/chromium third_party/blink/web_tests/external/wpt @
// 8aa145ada3923e14992f966fed0eebb1964689e3 with resources/corspreflight.js @ 487fe8cf26ad3b556695994148ac9aee4a51f34c. Out of scope, and why: docs/engine.md, "Ported suites".
import { describe, expect, it } from 'vitest';
import type { PreflightCache } from '../preflight-cache.ts';
import {
  HTTPS_PAGE,
  HTTPS_REMOTE,
  OTHER_PORT,
  PAGE,
  REMOTE,
  REMOTE_OTHER_PORT,
  RESOURCES,
  inBoth,
  wptFetch,
} from './wpt-harness.ts';

const CODES = [301, 302, 303, 307, 308] as const;
const query = (params: Record<string, string>) => new URLSearchParams(params).toString();
const preflightPy = (host: string, params: Record<string, string>) =>
  `${host}${RESOURCES}/preflight.py?${query(params)}`;
const redirectPy = (host: string, params: Record<string, string>) =>
  `${host}${RESOURCES}/redirect.py?${query(params)}`;

describe('cors-basic.any.js', () => {
  const hosts = [
    ['Same domain different port', OTHER_PORT],
    ['Same domain different protocol different port', HTTPS_PAGE],
    ['Cross domain basic usage', REMOTE],
    ['Cross domain different port', REMOTE_OTHER_PORT],
    ['Cross domain different protocol', HTTPS_REMOTE],
  ] as const;
  const allowStar = `?pipe=${encodeURIComponent('header(Access-Control-Allow-Origin,*)')}`;
  it.each(hosts)('%s [no-cors mode]: an opaque response', (_name, host) => {
    inBoth((browser) => {
      const r = wptFetch(`${host}${RESOURCES}/top.txt${allowStar}`, { mode: 'no-cors' }, browser);
      expect([r.blocked, r.responseType]).toEqual([false, 'opaque']);
    });
  });
  it.each(hosts)('%s [server forbid CORS]', (_name, host) => {
    inBoth((browser) => {
      const r = wptFetch(`${host}${RESOURCES}/top.txt`, {}, browser);
      expect([r.blocked, r.corsError]).toEqual([true, 'MissingAllowOriginHeader']);
    });
  });
  it.each(hosts)('%s [cors mode]', (_name, host) => {
    inBoth((browser) => {
      const r = wptFetch(`${host}${RESOURCES}/top.txt${allowStar}`, {}, browser);
      expect([r.blocked, r.status, r.responseType]).toEqual([false, 200, 'cors']);
    });
  });
});

describe('cors-multiple-origins.js: several Access-Control-Allow-Origin values never pass', () => {
  // preflight.py sends one ACAO header per value; the browser reads them as one combined list, which is never a
  // single origin. The file at f55e51f expects the first five to pass: outdated (explained in docs/engine.md).
  it.each([
    ['3 origins allowed, match the 3rd (origin)', ['""', 'http://example.com', PAGE]],
    ['3 origins allowed, match the 3rd ("*")', ['""', 'http://example.com', '*']],
    ['3 origins allowed, match twice (origin)', ['""', PAGE, PAGE]],
    ['3 origins allowed, match twice ("*")', ['*', 'http://example.com', '*']],
    ['3 origins allowed, match twice ("*" and origin)', ['*', 'http://example.com', '*']],
    ['3 origins allowed, no match', ['', 'http://example.com', 'https://example2.com']],
  ])('%s', (_name, origins) => {
    inBoth((browser) => {
      const r = wptFetch(preflightPy(REMOTE, { origin: origins.join(', ') }), {}, browser);
      expect(r.blocked, browser).toBe(true);
      expect(['MultipleAllowOriginValues', 'AllowOriginMismatch']).toContain(r.corsError);
    });
  });
});

describe('cors-no-preflight.any.js: safelisted requests go without a preflight', () => {
  it.each([
    ['Cross domain basic usage [GET]', REMOTE, 'GET', null],
    ['Same domain different port [GET]', OTHER_PORT, 'GET', null],
    ['Cross domain different port [GET]', REMOTE_OTHER_PORT, 'GET', null],
    ['Cross domain different protocol [GET]', HTTPS_REMOTE, 'GET', null],
    ['Same domain different protocol different port [GET]', HTTPS_PAGE, 'GET', null],
    ['Cross domain [POST]', REMOTE, 'POST', null],
    ['Cross domain [HEAD]', REMOTE, 'HEAD', null],
    ['Cross domain [GET] [Accept: */*]', REMOTE, 'GET', ['Accept', '*/*']],
    ['Cross domain [GET] [Accept-Language: fr]', REMOTE, 'GET', ['Accept-Language', 'fr']],
    ['Cross domain [GET] [Content-Language: fr]', REMOTE, 'GET', ['Content-Language', 'fr']],
    [
      '[Content-Type: application/x-www-form-urlencoded]',
      REMOTE,
      'GET',
      ['Content-Type', 'application/x-www-form-urlencoded'],
    ],
    ['[Content-Type: multipart/form-data]', REMOTE, 'GET', ['Content-Type', 'multipart/form-data']],
    ['[Content-Type: text/plain]', REMOTE, 'GET', ['Content-Type', 'text/plain']],
    ['[Content-Type: text/plain;charset=utf-8]', REMOTE, 'GET', ['Content-Type', 'text/plain;charset=utf-8']],
    ['[Content-Type: Text/Plain;charset=utf-8]', REMOTE, 'GET', ['Content-Type', 'Text/Plain;charset=utf-8']],
  ] as const)('%s', (_name, host, method, header) => {
    inBoth((browser) => {
      const headers = header === null ? {} : { [header[0]]: header[1] };
      const r = wptFetch(preflightPy(host, { max_age: '0' }), { method, headers }, browser);
      expect([r.blocked, r.status, r.preflightSent]).toEqual([false, 200, false]);
    });
  });
});

describe('cors-origin.any.js: the allowed origin must be the page origin', () => {
  const hosts = [
    ['Cross domain different subdomain', REMOTE, 'GET'],
    ['Same domain different port', OTHER_PORT, 'GET'],
    ['Cross domain different port', REMOTE_OTHER_PORT, 'GET'],
    ['Cross domain different protocol', HTTPS_REMOTE, 'GET'],
    ['Same domain different protocol different port', HTTPS_PAGE, 'GET'],
    ['Cross domain [POST]', REMOTE, 'POST'],
    ['Cross domain [HEAD]', REMOTE, 'HEAD'],
    ['CORS preflight [PUT]', REMOTE, 'PUT'],
  ] as const;
  // [origin KO] allows the fetched URL's own origin instead of the page's.
  const cases = hosts.flatMap(([name, host, method]) => [
    [`${name} [origin OK]`, host, method, PAGE, true] as const,
    [`${name} [origin KO]`, host, method, host, false] as const,
  ]);
  it.each([...cases, ['Allowed origin: "" [origin KO]', REMOTE, 'GET', '', false] as const])(
    '%s',
    (_name, host, method, allowed, passes) => {
      inBoth((browser) => {
        const url = preflightPy(host, { max_age: '0', origin: allowed, allow_methods: method });
        const r = wptFetch(url, { method }, browser);
        expect(r.blocked, browser).toBe(!passes);
        const mismatch = method === 'PUT' ? 'PreflightAllowOriginMismatch' : 'AllowOriginMismatch';
        if (!passes) expect(r.corsError).toBe(allowed === '' ? 'InvalidAllowOriginValue' : mismatch);
      });
    },
  );
});

describe('cors-preflight.any.js (corspreflight.js): the preflight asks, the server allows or refuses', () => {
  const several = [
    'x-test-header1',
    'x-test-header2',
    'X-test-header3',
    'x-test-header-b',
    'x-test-header-D',
    'x-test-header-C',
    'x-test-header-a',
    'Content-Type',
  ];
  const safe = { Accept: '*', 'Accept-Language': 'bzh', 'Content-Language': 'eu' };
  const one = ['x-test-header1'];
  it.each([
    ['CORS [DELETE]', 'DELETE', null, false],
    ['CORS [PUT]', 'PUT', null, false],
    ['CORS [PUT], check preflight has user agent', 'PUT', null, false],
    ['CORS [PATCH]', 'PATCH', null, false],
    ['CORS [patcH]', 'patcH', null, false],
    ['CORS [NEW]', 'NEW', null, false],
    ['CORS [chicken]', 'chicken', null, false],
    ['CORS [GET] [x-test-header]', 'GET', one, false],
    ['CORS [GET] [several headers]', 'GET', several, true],
    ['CORS [PUT] [several headers]', 'PUT', several, true],
    ['CORS [PUT] [only safe headers]', 'PUT', null, true],
  ] as const)('%s, server allows / refuses', (_name, method, names, withSafe) => {
    inBoth((browser) => {
      const headers = {
        ...Object.fromEntries((names ?? []).map((n) => [n, 'allowedOrRefused'])),
        ...(withSafe ? safe : {}),
      };
      const lower = (names ?? []).map((n) => n.toLowerCase());
      const allows = { max_age: '0', allow_methods: method, control_request_headers: '' };
      if (names !== null) Object.assign(allows, { allow_headers: lower.join(' ,') });
      const ok = wptFetch(preflightPy(REMOTE, allows), { method, headers }, browser);
      expect([ok.blocked, ok.status, ok.preflightSent]).toEqual([false, 200, true]);
      // The preflight names exactly the unsafe headers, lowercase and sorted; none when there are none.
      expect(ok.accessControlRequestHeaders).toBe(names === null ? null : [...lower].sort().join(','));
      if (_name.endsWith('[only safe headers]')) return; // this one has no "server refuses" variant
      const refused = wptFetch(preflightPy(REMOTE, { max_age: '0' }), { method, headers }, browser);
      expect([refused.blocked, refused.stage]).toEqual([true, 'preflight']);
    });
  });
});

describe('cors-preflight-cache.any.js: a cached preflight answers the next request', () => {
  it('the second request with another header value is sent without a preflight (max_age=12000)', () => {
    inBoth((browser) => {
      const url = preflightPy(REMOTE, {
        max_age: '12000',
        allow_methods: 'POST',
        allow_headers: 'x-test-header',
      });
      const cache: PreflightCache = { now: 0, entries: [] };
      const first = wptFetch(url, { method: 'POST', headers: { 'x-test-header': 'test1' } }, browser, cache);
      expect([first.blocked, first.preflightSent]).toEqual([false, true]);
      cache.now = 1;
      const second = wptFetch(url, { method: 'POST', headers: { 'x-test-header': 'test2' } }, browser, cache);
      expect([second.blocked, second.preflightSent]).toEqual([false, false]);
    });
  });
});

describe('cors-preflight-redirect.any.js: a redirected preflight fails; a redirect after it is followed', () => {
  // "after preflight failed" expects a rejection, but Chrome follows a redirect of the actual request after a
  // preflight (Fetch's HTTP-redirect fetch has no preflight condition): Chromium lists all five as FAIL in web_tests
  // external/wpt/fetch/api/cors/cors-preflight-redirect.any-expected.txt @ 2e586724ada2b94a1bc89f2ec4b89f3d62cdf910,
  // and cors_url_loader_unittest's CrossOriginToAnotherCrossOriginRedirectWithPreflight follows one. The engine
  // agrees with Chrome (explained in docs/engine.md, "Ported suites").
  const location = `${REMOTE}${RESOURCES}/preflight.py`;
  it.each(CODES.flatMap((code) => [[code, true] as const, [code, false] as const]))(
    'Redirection %i on preflight (true) / after preflight (false)',
    (code, onPreflight) => {
      inBoth((browser) => {
        const params: Record<string, string> = { max_age: '0', redirect_status: String(code), location };
        if (onPreflight) params['redirect_preflight'] = '';
        params['allow_headers'] = 'x-force-preflight';
        const r = wptFetch(redirectPy(REMOTE, params), { headers: { 'x-force-preflight': '' } }, browser);
        expect(r.blocked, browser).toBe(onPreflight);
        if (onPreflight) expect(r.corsError).toBe('PreflightDisallowedRedirect');
      });
    },
  );
});

describe('cors-redirect-preflight.any.js: a redirect, then the preflight at the new URL', () => {
  const pre = `${RESOURCES}/preflight.py`;
  const cases = CODES.flatMap((code) => [
    [`Redirect ${String(code)}: same origin to cors`, PAGE, REMOTE + pre, code] as const,
    [`Redirect ${String(code)}: cors to same origin`, REMOTE, PAGE + pre, code] as const,
    [`Redirect ${String(code)}: cors to another cors`, REMOTE, OTHER_PORT + pre, code] as const,
  ]);
  it.each(cases)('%s (success and failure cases)', (_name, from, location, code) => {
    inBoth((browser) => {
      const init = { headers: { 'x-w3c': 'test' } };
      const base = { max_age: '0', redirect_status: String(code) };
      const success = { ...base, allow_headers: 'x-w3c', location: `${location}?allow_headers=x-w3c` };
      const ok = wptFetch(redirectPy(from, success), init, browser);
      expect([ok.blocked, ok.status, ok.preflightSent], browser).toEqual([false, 200, true]);
      const failed = wptFetch(redirectPy(from, { ...base, location }), init, browser);
      expect([failed.blocked, failed.stage], browser).toEqual([true, 'preflight']);
    });
  });
});
