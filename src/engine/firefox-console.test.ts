// The Firefox profile's unit view; test/firefox/agreement.ts checks every scenario against real Firefox.
import { describe, expect, it } from 'vitest';
import { simulateFetch } from './simulate.ts';
import { simulateFirefox } from './firefox-console.ts';
import { diagnose } from './diagnose.ts';
import type { Observed, ObservedHop, ServerAnswer, SimRequest } from './types.ts';

const page = 'http://localhost:3000';
const api = 'http://127.0.0.1:8000/x';
const get = (headers: Record<string, string> = {}): SimRequest => ({
  origin: page,
  url: api,
  method: 'GET',
  headers,
  credentials: 'same-origin',
  mode: 'cors',
});
const HEAD = `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${api}.`;
const FAILED = `${HEAD} (Reason: CORS request did not succeed). Status code: (null).`;

describe('simulateFirefox', () => {
  it('prints the missing-ACAO line with the real status', () => {
    const r = simulateFirefox(get(), { [api]: { response: { status: 500, headers: {} } } });
    expect(r.lines).toEqual([
      `${HEAD} (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 500.`,
    ]);
  });

  it('follows a failed preflight with "did not succeed", and names the header', () => {
    const server: Record<string, ServerAnswer> = {
      [api]: {
        preflight: { status: 204, headers: { 'access-control-allow-origin': page } },
        response: { status: 200, headers: {} },
      },
    };
    const r = simulateFirefox(get({ 'x-trace': '1' }), server);
    expect(r.lines).toEqual([
      `${HEAD} (Reason: header ‘x-trace’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`,
      FAILED,
    ]);
  });

  it('preflights what Chrome safelists (DPR) and a page-set User-Agent, unlike Chrome', () => {
    const server = { [api]: { response: { status: 200, headers: { 'access-control-allow-origin': page } } } };
    for (const h of [{ dpr: '2' }, { 'user-agent': 'x' }]) {
      expect(simulateFetch(get(h), server).blocked).toBe(false);
      const r = simulateFirefox(get(h), server);
      expect(r.sim.blocked).toBe(true);
      expect(r.lines[0]).toContain('missing). Status code: 404.');
    }
  });

  it('prints nothing for an allowed request', () => {
    const r = simulateFirefox(get(), {
      [api]: { response: { status: 200, headers: { 'access-control-allow-origin': '*' } } },
    });
    expect(r).toMatchObject({ lines: [], sim: { blocked: false } });
  });
});

describe('diagnose with the Firefox profile (a record captured in Firefox)', () => {
  const observed = (responseHeaders: Record<string, string>, netError: string | null): Observed => ({
    pageOrigin: page,
    method: 'GET',
    url: api,
    // Firefox's webRequest shows its own User-Agent with the page's headers: not a page-set header, no preflight.
    requestHeaders: {
      origin: page,
      'user-agent': 'Mozilla/5.0 (X11; rv:153.0) Gecko/20100101 Firefox/153.0',
    },
    hops: [{ url: api, method: 'GET', requestHeaders: { origin: page }, status: 500, responseHeaders }],
    netError,
  });

  it("names Firefox's console line, and takes NS_ERROR_DOM_BAD_URI as Firefox's CORS failure", () => {
    const d = diagnose(observed({}, 'NS_ERROR_DOM_BAD_URI'), { browser: 'firefox' });
    expect(d).toMatchObject({ verdict: 'blocked', corsError: 'MissingAllowOriginHeader', stage: 'actual' });
    expect(d.consoleMessage).toBe(
      `${HEAD} (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 500.`,
    );
    expect(diagnose(observed({}, 'NS_ERROR_DOM_BAD_URI')).consoleMessage).toMatch(/^Access to fetch at/);
  });

  it("replays a tainting redirect without a preflight Firefox never sent (its own User-Agent is not the page's)", () => {
    const target = 'http://127.0.0.1:9000/t';
    const o = observed({ 'access-control-allow-origin': page, location: target }, 'NS_ERROR_DOM_BAD_URI');
    const first = { ...(o.hops[0] as ObservedHop), status: 302 };
    const second = {
      url: target,
      method: 'GET',
      requestHeaders: { origin: 'null' },
      status: 200,
      responseHeaders: { 'access-control-allow-origin': page },
    };
    const d = diagnose({ ...o, hops: [first, second] }, { browser: 'firefox' });
    expect(d.consoleMessage).toBe(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${target}. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘${page}’).`,
    );
  });

  it("calls Firefox's other network errors not CORS", () => {
    expect(diagnose(observed({}, 'NS_ERROR_UNKNOWN_HOST'), { browser: 'firefox' }).code).toBe('dns-failure');
  });
});
