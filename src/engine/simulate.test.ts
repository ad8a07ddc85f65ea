// simulateFetch end to end on small server models: preflight decisions, the exact ACRH value, redirects and the
// tainted origin, no-cors, the Chrome vs standard profile. Expectations come from the Fetch Standard and from the
// Chromium 156 measurements in docs/chromium-behaviour.md.
import { describe, expect, it } from 'vitest';
import { simulateFetch } from './simulate.ts';
import type { ServerAnswer, SimRequest } from './types.ts';

const PAGE = 'http://localhost:3000';
const API = 'http://127.0.0.1:8000';
const OTHER = 'http://127.0.0.1:8001';
const allow = (extra: Record<string, string> = {}) => ({ 'access-control-allow-origin': PAGE, ...extra });
const req = (over: Partial<SimRequest> = {}): SimRequest => ({
  origin: PAGE,
  url: `${API}/x`,
  method: 'GET',
  headers: {},
  credentials: 'same-origin',
  mode: 'cors',
  ...over,
});
const at = (answers: Record<string, ServerAnswer>) => answers;

describe('preflight decisions', () => {
  it('a simple GET goes without a preflight', () => {
    const r = simulateFetch(req(), at({ [`${API}/x`]: { response: { status: 200, headers: allow() } } }));
    expect(r).toMatchObject({
      blocked: false,
      preflightSent: false,
      responseType: 'cors',
      accessControlRequestHeaders: null,
      corsError: null,
    });
  });

  it('ACRH is lowercase, sorted, comma-joined without spaces, and leaves out safelisted headers', () => {
    const r = simulateFetch(
      req({
        method: 'post',
        headers: { 'X-B': '1', 'Content-Type': 'application/json', Accept: '*/*', Authorization: 'Bearer t' },
      }),
      at({
        [`${API}/x`]: {
          preflight: {
            status: 204,
            headers: allow({ 'access-control-allow-headers': 'authorization, content-type, x-b' }),
          },
          response: { status: 200, headers: allow() },
        },
      }),
    );
    expect(r.preflightSent).toBe(true);
    expect(r.accessControlRequestHeaders).toBe('authorization,content-type,x-b');
    expect(r.preflightReasons).toEqual({ method: null, headers: ['authorization', 'content-type', 'x-b'] });
    expect(r.blocked).toBe(false);
  });

  it('a method outside GET/HEAD/POST is a preflight reason', () => {
    const r = simulateFetch(
      req({ method: 'delete' }),
      at({
        [`${API}/x`]: {
          preflight: { status: 204, headers: allow({ 'access-control-allow-methods': 'DELETE' }) },
          response: { status: 200, headers: allow() },
        },
      }),
    );
    expect(r.preflightReasons).toEqual({ method: 'DELETE', headers: [] });
    expect(r.blocked).toBe(false);
  });

  it('without a preflight answer the server is assumed to have no OPTIONS route (404, no CORS)', () => {
    const r = simulateFetch(
      req({ method: 'PUT' }),
      at({ [`${API}/x`]: { response: { status: 200, headers: allow() } } }),
    );
    expect(r).toMatchObject({
      blocked: true,
      stage: 'preflight',
      corsError: 'PreflightMissingAllowOriginHeader',
      status: 404,
    });
  });

  it('same-origin requests are never checked', () => {
    const r = simulateFetch(
      req({ url: `${PAGE}/api`, method: 'PUT', headers: { 'x-a': '1' } }),
      at({ [`${PAGE}/api`]: { response: { status: 200, headers: { 'x-a': '1' } } } }),
    );
    expect(r).toMatchObject({
      blocked: false,
      preflightSent: false,
      responseType: 'basic',
      readableHeaders: ['x-a'],
    });
  });
});

describe('browser profiles', () => {
  const server = at({
    [`${API}/x`]: {
      preflight: { status: 204, headers: allow({ 'access-control-allow-headers': '*' }) },
      response: { status: 200, headers: allow() },
    },
  });
  const request = req({ headers: { authorization: 'Bearer t' } });
  it('chrome (default): Authorization under ACAH * passes with a warning', () => {
    const r = simulateFetch(request, server);
    expect(r.blocked).toBe(false);
    expect(r.causes.map((c) => c.code)).toEqual(['allowed', 'authorization-wildcard']);
  });
  it('standard: it is blocked, and still warns why', () => {
    const r = simulateFetch(request, server, { browser: 'standard' });
    expect(r).toMatchObject({
      blocked: true,
      corsError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'authorization',
    });
    expect(r.causes.map((c) => c.code)).toContain('authorization-wildcard');
  });
});

describe('redirects', () => {
  it('a cross-origin redirect taints the Origin: the target must allow null or *', () => {
    const server = at({
      [`${API}/r`]: { response: { status: 302, headers: allow({ location: `${OTHER}/t` }) } },
      [`${OTHER}/t`]: { response: { status: 200, headers: allow() } },
    });
    const r = simulateFetch(req({ url: `${API}/r` }), server);
    expect(r).toMatchObject({
      blocked: true,
      stage: 'actual',
      corsError: 'AllowOriginMismatch',
      failedParameter: PAGE,
      requestOrigin: 'null',
      url: `${OTHER}/t`,
    });
  });

  it('the redirect response itself must pass the CORS check', () => {
    const r = simulateFetch(
      req({ url: `${API}/r` }),
      at({ [`${API}/r`]: { response: { status: 302, headers: { location: `${OTHER}/t` } } } }),
    );
    expect(r).toMatchObject({
      blocked: true,
      stage: 'redirect',
      corsError: 'MissingAllowOriginHeader',
      status: 302,
    });
  });

  it('a relative Location is resolved against the current URL; 303 turns POST into GET', () => {
    const server = at({
      [`${API}/r`]: {
        preflight: { status: 204, headers: allow({ 'access-control-allow-headers': 'content-type' }) },
        response: { status: 303, headers: allow({ location: '/done' }) },
      },
      [`${API}/done`]: { response: { status: 200, headers: allow() } },
    });
    const r = simulateFetch(
      req({ url: `${API}/r`, method: 'POST', headers: { 'content-type': 'application/json' } }),
      server,
    );
    expect(r).toMatchObject({ blocked: false, url: `${API}/done`, requestOrigin: PAGE });
  });

  it('redirect: error refuses any redirect; manual hands it back', () => {
    const server = at({ [`${API}/r`]: { response: { status: 302, headers: allow({ location: '/x' }) } } });
    expect(simulateFetch(req({ url: `${API}/r`, redirect: 'error' }), server)).toMatchObject({
      blocked: true,
      corsError: null,
    });
    expect(simulateFetch(req({ url: `${API}/r`, redirect: 'manual' }), server)).toMatchObject({
      blocked: false,
    });
  });

  it('a redirect loop stops after 20 hops', () => {
    const r = simulateFetch(req({ url: `${API}/loop` }), () => ({
      response: { status: 302, headers: allow({ location: '/loop' }) },
    }));
    expect(r).toMatchObject({ blocked: true, stage: 'redirect', corsError: null });
  });

  it('a cross-origin redirect drops Authorization, so the target needs no preflight for it', () => {
    const server = at({
      [`${API}/r`]: {
        preflight: { status: 204, headers: allow({ 'access-control-allow-headers': 'authorization' }) },
        response: { status: 307, headers: allow({ location: `${OTHER}/t` }) },
      },
      [`${OTHER}/t`]: { response: { status: 200, headers: { 'access-control-allow-origin': '*' } } },
    });
    expect(
      simulateFetch(req({ url: `${API}/r`, headers: { authorization: 'Bearer t' } }), server),
    ).toMatchObject({ blocked: false, requestOrigin: 'null' });
  });
});

describe('no-cors and other modes', () => {
  it('no-cors: never blocked by CORS, opaque, nothing readable', () => {
    const r = simulateFetch(
      req({ mode: 'no-cors' }),
      at({ [`${API}/x`]: { response: { status: 200, headers: { 'x-a': '1' } } } }),
    );
    expect(r).toMatchObject({
      blocked: false,
      responseType: 'opaque',
      readableHeaders: [],
      preflightSent: false,
    });
    expect(r.causes[0]?.code).toBe('opaque-response');
  });

  it('no-cors with a non-safelisted method is a TypeError before any request', () => {
    const r = simulateFetch(req({ mode: 'no-cors', method: 'PUT' }), {});
    expect(r).toMatchObject({ blocked: true, stage: 'request', corsError: null });
  });

  it('same-origin mode to another origin: refused before sending, no CorsError (Blink rejects it)', () => {
    expect(simulateFetch(req({ mode: 'same-origin' }), {})).toMatchObject({
      blocked: true,
      stage: 'request',
      corsError: null,
    });
  });

  it('a preflight that gets no response is a network error, not CORS (measured: net::ERR_EMPTY_RESPONSE)', () => {
    const server = at({
      [`${API}/x`]: { preflight: { status: 0, headers: {} }, response: { status: 200, headers: allow() } },
    });
    expect(simulateFetch(req({ method: 'PUT' }), server)).toMatchObject({
      blocked: true,
      stage: 'preflight',
      corsError: null,
    });
  });

  it('same-origin mode redirected to another origin: refused, no CorsError (Blink, measured)', () => {
    const server = at({ [`${PAGE}/r`]: { response: { status: 302, headers: { location: `${API}/x` } } } });
    expect(simulateFetch(req({ url: `${PAGE}/r`, mode: 'same-origin' }), server)).toMatchObject({
      blocked: true,
      stage: 'redirect',
      corsError: null,
    });
  });

  it('an unreachable server (no answer) is a network error, not CORS', () => {
    expect(simulateFetch(req(), {})).toMatchObject({ blocked: true, corsError: null, status: null });
  });

  it('an unparsable URL is a network error', () => {
    expect(simulateFetch(req({ url: 'not a url' }), {})).toMatchObject({ blocked: true, corsError: null });
  });
});
