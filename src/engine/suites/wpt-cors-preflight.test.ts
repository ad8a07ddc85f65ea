// web-platform-tests expectations for the CORS-preflight, ported to the engine:
// fetch/api/cors/cors-preflight-star.any.js @ 9955d207be8b923098aa620018d73b05b85782db,
// fetch/api/cors/cors-preflight-status.any.js @ f6100deb351f7b17ae8b78eb0f5c1b35945306e7,
// fetch/api/cors/cors-preflight-response-validation.any.js @ 27c3122cf9dd05d30142011ca390fd60b7dd47c5,
// fetch/api/cors/cors-preflight-not-cors-safelisted.any.js @ 8f61206f95d3907a50532941cb3f3a1c7e293d96 with
// resources/not-cors-safelisted.json @ c7dd2a7df9d48602bd6780972511f02b14972ec7.
import { describe, expect, it } from 'vitest';
import { BOTH, PAGE, REMOTE, RESOURCES, wptFetch } from './wpt-harness.ts';

const preflightPy = (query: Record<string, string>) =>
  `${REMOTE}${RESOURCES}/preflight.py?${new URLSearchParams(query).toString()}`;

describe('cors-preflight-star.any.js', () => {
  // [succeeds, withCredentials, allowMethod, allowHeader, useMethod, useHeader]
  it.each([
    [true, false, 'get', 'x-test', 'GET', ['X-Test', '1']],
    [true, false, '*', 'x-test', 'SUPER', ['X-Test', '1']],
    [true, false, '*', '*', 'OK', ['X-Test', '1']],
    [true, true, 'OK', 'Content-Type', 'GET', ['Content-Type', 'uni/corn']],
    [false, true, '*', '*', 'OK', ['X-Test', '1']],
    [false, true, '*', '', 'PUT', null],
    [true, true, '', '*', 'get', null],
    [false, true, 'put', '*', 'PUT', null],
    [true, true, 'PUT', '*', 'PUT', ['Accept', 'unicorn']],
    [false, true, 'get', '*', 'GET', ['X-Test', '1']],
    [false, true, '*', '*', 'GET', ['X-Test', '1']],
  ] as const)(
    'CORS that succeeds: %s, with credentials: %s; allowed %j %j; %s %j',
    (succeeds, creds, allowMethods, allowHeaders, method, header) => {
      const query: Record<string, string> = { allow_methods: allowMethods, allow_headers: allowHeaders };
      if (creds) Object.assign(query, { origin: PAGE, credentials: '' });
      for (const browser of BOTH) {
        const r = wptFetch(
          preflightPy(query),
          {
            method,
            credentials: creds ? 'include' : 'same-origin',
            headers: header === null ? {} : { [header[0]]: header[1] },
          },
          browser,
        );
        expect(r.blocked, browser).toBe(!succeeds);
      }
    },
  );
});

describe('cors-preflight-status.any.js: a preflight needs an ok status (200-299)', () => {
  const statuses = [
    200, 201, 202, 203, 204, 205, 206, 300, 301, 302, 303, 304, 305, 306, 307, 308, 400, 401, 402,
  ];
  it.each([...statuses, 403, 404, 405, 501, 502, 503, 504, 505])(
    'Preflight answered with status %i',
    (status) => {
      const ok = status >= 200 && status <= 299;
      for (const browser of BOTH) {
        const url = preflightPy({ allow_headers: 'x-force-preflight', preflight_status: String(status) });
        const r = wptFetch(url, { headers: { 'x-force-preflight': '' } }, browser);
        expect(r.preflightSent).toBe(true);
        expect(r.blocked, browser).toBe(!ok);
        if (!ok) expect(r.corsError).toBe('PreflightInvalidStatus');
      }
    },
  );
});

describe('cors-preflight-response-validation.any.js: unparsable lists fail the preflight', () => {
  it.each([
    [
      'Allow-Access-Control-Headers',
      'x-force-preflight,header name with space',
      null,
      'InvalidAllowHeadersPreflightResponse',
    ],
    [
      'Allow-Access-Control-Methods',
      'x-force-preflight',
      'Bad method name',
      'InvalidAllowMethodsPreflightResponse',
    ],
  ] as const)('Preflight response with bad %s', (_name, allowHeaders, allowMethods, error) => {
    const query: Record<string, string> = { allow_headers: allowHeaders };
    if (allowMethods !== null) query['allow_methods'] = allowMethods;
    for (const browser of BOTH) {
      const r = wptFetch(preflightPy(query), { headers: { 'x-force-preflight': '' } }, browser);
      expect(r.corsError, browser).toBe(error);
      // The same URL without the header needs no preflight and succeeds.
      expect(wptFetch(preflightPy(query), {}, browser).blocked).toBe(false);
    }
  });
});

describe('cors-preflight-not-cors-safelisted.any.js: these headers need a CORS-preflight', () => {
  it.each([
    ['accept', '"'],
    ['accept', '0'.repeat(129)],
    ['accept-language', '\u0001'],
    ['accept-language', '@'],
    ['authorization', 'basics'],
    ['content-language', '\u0001'],
    ['content-language', '@'],
    ['content-type', 'text/html'],
    ['content-type', `text/plain; long=${'0'.repeat(112)}`],
    ['last-event-id', '"'],
    ['last-event-id', '0'.repeat(129)],
    ['range', 'bytes 0-'],
    ['test', 'hi'],
  ])('Need CORS-preflight for %s/%j header', (name, value) => {
    for (const browser of BOTH) {
      const r = wptFetch(preflightPy({ allow_headers: name }), { headers: { [name]: value } }, browser);
      expect(r.preflightSent, browser).toBe(true);
      expect(r.accessControlRequestHeaders).toBe(name);
      expect(r.blocked).toBe(false);
    }
  });
});
