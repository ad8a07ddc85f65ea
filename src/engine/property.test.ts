// Property tests (fast-check): the engine never throws on hostile input (random header names, values, bytes,
// URLs, statuses, redirects), is deterministic, keeps its result invariants, and honours spec-level symmetries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnose.ts';
import { getHeader } from './headers.ts';
import { simulateFetch } from './simulate.ts';
import type { HeaderMap, Observed, ServerAnswer, SimRequest } from './types.ts';
import { parseUrl, resolveUrl } from './url.ts';

const PAGE = 'http://localhost:3000';
const URLS = [
  'http://127.0.0.1:8000/a',
  'http://127.0.0.1:8000/b',
  'http://127.0.0.1:8001/t',
  `${PAGE}/same`,
  'https://api.example/x',
];
const HEADER_NAMES = [
  'access-control-allow-origin',
  'Access-Control-Allow-Credentials',
  'access-control-allow-methods',
  'ACCESS-CONTROL-ALLOW-HEADERS',
  'access-control-expose-headers',
  'location',
  'vary',
  'content-type',
  'authorization',
  'range',
  'accept',
  'accept-language',
  'cookie',
  'user-agent',
];
const VALUES = [
  '*',
  'null',
  PAGE,
  `${PAGE}/`,
  'true',
  'True',
  'GET, ,PUT',
  'GET;PUT',
  'content-type',
  '*, authorization',
  'bytes=0-',
  'text/plain',
  'application/json',
  ...URLS,
  '/b',
  'ftp://x/',
  'data:,x',
  'http://u:p@127.0.0.1:8001/t',
  '',
];

const byteString = fc.string({ unit: 'binary', maxLength: 40 });
const headerName = fc.oneof(fc.constantFrom(...HEADER_NAMES), byteString);
const headerValue = fc.oneof(fc.constantFrom(...VALUES), byteString);
const headerMap: fc.Arbitrary<HeaderMap> = fc.dictionary(
  headerName,
  fc.oneof(headerValue, fc.array(headerValue, { maxLength: 3 })),
  { maxKeys: 6 },
);
const url = fc.oneof(fc.constantFrom(...URLS), byteString, fc.webUrl());
const response = fc.record({
  status: fc.oneof(
    fc.constantFrom(0, 200, 204, 302, 303, 307, 404, 405, 500),
    fc.integer({ min: -5, max: 1000 }),
  ),
  headers: headerMap,
});
const answer: fc.Arbitrary<ServerAnswer> = fc.record(
  { preflight: response, response },
  { requiredKeys: ['response'] },
);
const server = fc.dictionary(fc.constantFrom(...URLS), answer, { maxKeys: 5 });
const request: fc.Arbitrary<SimRequest> = fc.record({
  origin: fc.oneof(fc.constant(PAGE), fc.constant('null'), byteString),
  url,
  method: fc.oneof(fc.constantFrom('GET', 'post', 'PUT', 'patch', 'DELETE', 'OPTIONS'), byteString),
  headers: headerMap,
  credentials: fc.constantFrom('omit', 'same-origin', 'include'),
  mode: fc.constantFrom('cors', 'no-cors', 'same-origin'),
  redirect: fc.constantFrom('follow', 'error', 'manual'),
});

const upperNames = (h: HeaderMap): HeaderMap =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toUpperCase(), v]));

describe('simulateFetch properties', { timeout: 60_000 }, () => {
  it('never throws, is deterministic and keeps its invariants', () => {
    fc.assert(
      fc.property(
        request,
        server,
        fc.constantFrom('chrome' as const, 'standard' as const),
        (req, srv, browser) => {
          const a = simulateFetch(req, srv, { browser });
          expect(simulateFetch(req, srv, { browser })).toEqual(a);
          expect(a.blocked).toBe(a.stage !== null);
          expect(a.blocked).toBe(a.responseType === null);
          if (a.corsError !== null) expect(a.blocked).toBe(true);
          if (a.blocked) expect(a.readableHeaders).toEqual([]);
          expect(a.causes[0]?.severity).toBe(a.blocked ? 'error' : 'info');
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('response header names are case-insensitive: upper-casing them changes nothing', () => {
    fc.assert(
      fc.property(request, server, (req, srv) => {
        const upper = Object.fromEntries(
          Object.entries(srv).map(([k, v]) => [
            k,
            {
              response: { status: v.response.status, headers: upperNames(v.response.headers) },
              ...(v.preflight === undefined
                ? {}
                : { preflight: { status: v.preflight.status, headers: upperNames(v.preflight.headers) } }),
            },
          ]),
        );
        const a = simulateFetch(req, srv);
        const b = simulateFetch(req, upper);
        expect([b.blocked, b.corsError, b.failedParameter]).toEqual([
          a.blocked,
          a.corsError,
          a.failedParameter,
        ]);
      }),
      { numRuns: 1000 },
    );
  });

  it('the standard profile is never more permissive than Chrome', () => {
    fc.assert(
      fc.property(request, server, (req, srv) => {
        if (!simulateFetch(req, srv, { browser: 'standard' }).blocked)
          expect(simulateFetch(req, srv).blocked).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('diagnose properties', { timeout: 60_000 }, () => {
  const hop = fc.record({
    url,
    method: fc.constantFrom('GET', 'POST', 'OPTIONS', 'PUT'),
    requestHeaders: headerMap,
    status: fc.integer({ min: 0, max: 999 }),
    responseHeaders: headerMap,
  });
  const observed: fc.Arbitrary<Observed> = fc.record(
    {
      pageOrigin: fc.oneof(fc.constant(PAGE), byteString),
      method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT'), byteString),
      url,
      credentials: fc.constantFrom('omit', 'same-origin', 'include', 'unknown'),
      mode: fc.constantFrom('cors', 'no-cors', 'same-origin'),
      requestHeaders: headerMap,
      preflight: hop,
      hops: fc.array(hop, { maxLength: 4 }),
      netError: fc.oneof(
        fc.constant(null),
        fc.constantFrom('net::ERR_FAILED', 'net::ERR_CONNECTION_REFUSED', 'net::ERR_BLOCKED_BY_CLIENT'),
        byteString,
      ),
      pageSecure: fc.boolean(),
      chromeVerdict: fc.record({
        corsError: fc.oneof(
          fc.constantFrom('MissingAllowOriginHeader', 'InsecurePrivateNetwork', 'Nope'),
          byteString,
        ),
        failedParameter: byteString,
      }),
      kind: fc.constantFrom('fetch', 'xhr'),
      readHeaders: fc.array(headerName, { maxLength: 3 }),
    },
    { requiredKeys: ['pageOrigin', 'method', 'url', 'hops', 'netError'] },
  );

  it('never throws, is deterministic, and never calls a non-CORS failure CORS', () => {
    fc.assert(
      fc.property(observed, (o) => {
        const d = diagnose(o);
        expect(diagnose(o)).toEqual(d);
        expect(d.verdict === 'allowed').toBe(o.netError === null);
        if (d.verdict === 'not-cors') expect([d.corsError, d.consoleMessage]).toEqual([null, null]);
        if (d.verdict === 'blocked') expect(d.corsError).not.toBeNull();
        if (d.consoleMessage !== null)
          expect(d.consoleMessage).toMatch(/^Access to (fetch|XMLHttpRequest) at '/);
        expect(d.headline.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('getHeader properties', { timeout: 60_000 }, () => {
  it('equals the trimmed lines of every case variant joined with ", "', () => {
    fc.assert(
      fc.property(headerMap, headerName, (h, name) => {
        const lines = Object.entries(h)
          .filter(([k]) => k.toLowerCase() === name.toLowerCase())
          .flatMap(([, v]) => (typeof v === 'string' ? [v] : [...v]));
        const got = getHeader(h, name);
        if (lines.length === 0) expect(got).toBeNull();
        else expect(got).toBe(lines.map((l) => l.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')).join(', '));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('URL fast paths agree with the WHATWG URL parser', { timeout: 60_000 }, () => {
  const base = fc.constantFrom(
    'http://127.0.0.1:8000/r',
    'https://api.example/a/b?q=1',
    'http://localhost:3000/',
  );
  const location = fc.oneof(
    fc.webUrl({ withQueryParameters: true }),
    fc.webPath(),
    fc.webPath().map((p) => `/${p}`),
    fc.string({ maxLength: 30 }).map((p) => `/${p}`),
  );
  it('resolveUrl(location, base) is new URL(location, base).href', () => {
    fc.assert(
      fc.property(location, base, (loc, b) => {
        let expected: string | null;
        try {
          expected = new URL(loc, b).href;
        } catch {
          expected = null;
        }
        expect(resolveUrl(loc, b)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('parseUrl(url).origin is new URL(url).origin for http(s) URLs', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.webUrl({ validSchemes: ['http', 'https'] }),
          fc.constantFrom('http://127.1/', 'http://0x7f.1/', 'HTTP://A.TEST:80/x', 'http://a.test:0443/'),
        ),
        (u) => {
          expect(parseUrl(u)?.origin).toBe(new URL(u).origin);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
