// diagnose() on what webRequest sees. Each case is one of the measured Chromium 156 exchanges
// (docs/chromium-behaviour.md#console-lines) or a real-world confusion (docs/cors-errors.md#lookalikes-cors-error-that-is-something-else), written as evidence.
import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnose.ts';
import type { HeaderMap, Observed, ObservedHop } from './types.ts';

const PAGE = 'http://localhost:3000';
const API = 'http://127.0.0.1:8000';
const hop = (
  url: string,
  status: number,
  responseHeaders: HeaderMap,
  method = 'GET',
  requestHeaders: HeaderMap = {},
): ObservedHop => ({ url, method, requestHeaders, status, responseHeaders });
const preflight = (
  url: string,
  status: number,
  responseHeaders: HeaderMap,
  method = 'POST',
  acrh = 'content-type',
): ObservedHop =>
  hop(url, status, responseHeaders, 'OPTIONS', {
    origin: PAGE,
    'access-control-request-method': method,
    'access-control-request-headers': acrh,
  });
const obs = (over: Partial<Observed> & { url: string }): Observed => ({
  pageOrigin: PAGE,
  method: 'GET',
  hops: [],
  netError: 'net::ERR_FAILED',
  credentials: 'unknown',
  ...over,
});

describe('blocked: CORS, named as Chrome names it', () => {
  it('case a: no ACAO on a 200', () => {
    const d = diagnose(
      obs({ url: `${API}/a`, hops: [hop(`${API}/a`, 200, { 'content-type': 'application/json' })] }),
    );
    expect(d).toMatchObject({
      verdict: 'blocked',
      code: 'MissingAllowOriginHeader',
      corsError: 'MissingAllowOriginHeader',
      stage: 'actual',
      realStatus: 200,
      triage: null,
    });
    expect(d.headline).toMatch(
      /^The API at http:\/\/127\.0\.0\.1:8000 does not allow requests from http:\/\/localhost:3000/,
    );
    expect(d.offending).toEqual([
      { name: 'Access-Control-Allow-Origin', sent: PAGE, required: PAGE, answered: null },
    ]);
    expect(d.consoleMessage).toBe(
      `Access to fetch at '${API}/a' from origin '${PAGE}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
    );
  });

  it('case k: a 500 without CORS headers is the server error first', () => {
    const d = diagnose(
      obs({
        url: `${API}/k`,
        method: 'POST',
        requestHeaders: { 'content-type': 'application/json' },
        preflight: preflight(`${API}/k`, 204, {
          'access-control-allow-origin': PAGE,
          'access-control-allow-headers': 'content-type',
        }),
        hops: [hop(`${API}/k`, 500, { 'content-type': 'text/plain' }, 'POST')],
      }),
    );
    expect(d).toMatchObject({
      verdict: 'blocked',
      code: 'server-error-without-cors',
      corsError: 'MissingAllowOriginHeader',
      realStatus: 500,
    });
    expect(d.triage).toBe('Your server answered 500; its error response carries no CORS headers');
  });

  it('case e: a 405 preflight without CORS is an unhandled OPTIONS route; request headers come from the preflight', () => {
    const d = diagnose(
      obs({ url: `${API}/e`, method: 'POST', preflight: preflight(`${API}/e`, 405, { allow: 'POST' }) }),
    );
    expect(d).toMatchObject({
      verdict: 'blocked',
      code: 'preflight-not-handled',
      corsError: 'PreflightMissingAllowOriginHeader',
      stage: 'preflight',
      realStatus: 405,
    });
    expect(d.triage).toMatch(/OPTIONS preflight with 405/);
  });

  it('case e3: a 405 preflight WITH CORS headers is PreflightInvalidStatus', () => {
    const d = diagnose(
      obs({
        url: `${API}/e3`,
        method: 'POST',
        preflight: preflight(`${API}/e3`, 405, {
          'access-control-allow-origin': PAGE,
          'access-control-allow-headers': 'content-type',
        }),
      }),
    );
    expect(d).toMatchObject({ code: 'PreflightInvalidStatus', corsError: 'PreflightInvalidStatus' });
    expect(d.offending).toEqual([{ name: ':status', sent: 'OPTIONS', required: '200-299', answered: '405' }]);
  });

  it('case f: the header the preflight asked for, and what the server answered', () => {
    const d = diagnose(
      obs({
        url: `${API}/f`,
        method: 'POST',
        preflight: preflight(`${API}/f`, 204, {
          'access-control-allow-origin': PAGE,
          'access-control-allow-methods': 'POST',
        }),
      }),
    );
    expect(d).toMatchObject({ code: 'HeaderDisallowedByPreflightResponse', failedParameter: 'content-type' });
    expect(d.offending).toEqual([
      {
        name: 'Access-Control-Allow-Headers',
        sent: 'content-type',
        required: 'content-type',
        answered: null,
      },
    ]);
    expect(d.headline).toBe(`The API at ${API} does not allow the content-type request header from ${PAGE}`);
  });

  it('case g: the method', () => {
    const d = diagnose(
      obs({
        url: `${API}/g`,
        method: 'PUT',
        preflight: preflight(
          `${API}/g`,
          204,
          { 'access-control-allow-origin': PAGE, 'access-control-allow-methods': 'GET, POST' },
          'PUT',
          '',
        ),
      }),
    );
    expect(d).toMatchObject({ code: 'MethodDisallowedByPreflightResponse', failedParameter: 'PUT' });
    expect(d.offending[0]).toEqual({
      name: 'Access-Control-Allow-Methods',
      sent: 'PUT',
      required: 'PUT',
      answered: 'GET, POST',
    });
  });

  it('a preflight redirected to a login page is the expired session first', () => {
    const d = diagnose(
      obs({
        url: `${API}/j`,
        method: 'POST',
        preflight: preflight(`${API}/j`, 302, { location: '/login?next=/j' }),
      }),
    );
    expect(d).toMatchObject({ code: 'redirect-to-login', corsError: 'PreflightDisallowedRedirect' });
    expect(d.triage).toMatch(/sign-in page \(\/login\?next=\/j\)/);
  });

  it('an actual request redirected to a login page on another origin', () => {
    const d = diagnose(
      obs({ url: `${API}/me`, hops: [hop(`${API}/me`, 302, { location: 'https://sso.example/login' })] }),
    );
    expect(d).toMatchObject({
      verdict: 'blocked',
      code: 'redirect-to-login',
      corsError: 'MissingAllowOriginHeader',
      stage: 'redirect',
    });
  });

  it('case m3: the tainted Origin is named, and the console line keeps the page origin', () => {
    const d = diagnose(
      obs({
        url: `${API}/m3`,
        hops: [
          hop(`${API}/m3`, 302, {
            'access-control-allow-origin': PAGE,
            location: 'http://127.0.0.1:8001/m3-target',
          }),
          hop('http://127.0.0.1:8001/m3-target', 200, { 'access-control-allow-origin': PAGE }, 'GET', {
            origin: 'null',
          }),
        ],
      }),
    );
    expect(d).toMatchObject({ code: 'AllowOriginMismatch', failedParameter: PAGE });
    expect(d.headline).toBe(`The API at http://127.0.0.1:8001 allows '${PAGE}', not null`);
    expect(d.hints.map((h) => h.code)).toContain('tainted-origin');
    expect(d.consoleMessage).toContain(`(redirected from '${API}/m3') from origin '${PAGE}'`);
  });
});

describe('request headers as webRequest shows them', () => {
  it('headers the network stack added after the preflight (DevTools "Disable cache") are not blamed', () => {
    const d = diagnose(
      obs({
        url: `${API}/x`,
        method: 'POST',
        netError: null,
        requestHeaders: {
          'content-type': 'application/json',
          pragma: 'no-cache',
          'cache-control': 'no-cache',
          accept: '*/*',
          'user-agent': 'Chrome',
          origin: PAGE,
          'sec-fetch-mode': 'cors',
        },
        preflight: preflight(`${API}/x`, 204, {
          'access-control-allow-origin': PAGE,
          'access-control-allow-headers': 'content-type',
        }),
        hops: [hop(`${API}/x`, 200, { 'access-control-allow-origin': PAGE, vary: 'Origin' }, 'POST')],
      }),
    );
    expect(d).toMatchObject({ verdict: 'allowed', code: 'allowed' });
  });
});

describe('credentials inference', () => {
  it('a Cookie header means include', () => {
    const d = diagnose(
      obs({
        url: `${API}/c`,
        requestHeaders: { cookie: 'sid=1' },
        hops: [hop(`${API}/c`, 200, { 'access-control-allow-origin': '*' })],
      }),
    );
    expect(d).toMatchObject({
      credentials: 'include',
      credentialsBasis: 'cookie',
      code: 'WildcardOriginNotAllowed',
    });
    expect(d.hints.find((h) => h.code === 'credentials-inferred')?.message).toMatch(/carried a Cookie/);
  });

  it('Sec-Fetch-Storage-Access means include: only a credentialed cross-site request carries it', () => {
    const d = diagnose(
      obs({
        url: `${API}/c`,
        requestHeaders: { 'sec-fetch-storage-access': 'none', 'sec-fetch-site': 'cross-site' },
        hops: [
          hop(`${API}/c`, 200, {
            'access-control-allow-origin': PAGE,
            'access-control-allow-credentials': 'true',
          }),
        ],
        netError: null,
      }),
    );
    // An allowed outcome both modes explain: without the header the mode would stay undecided.
    expect(d).toMatchObject({ credentials: 'include', credentialsBasis: 'storage-access' });
    expect(d.hints.find((h) => h.code === 'credentials-inferred')?.message).toMatch(
      /carried Sec-Fetch-Storage-Access/,
    );
  });

  it('without a Cookie, the mode that explains the block (ACAO * only fails with credentials)', () => {
    const d = diagnose(
      obs({ url: `${API}/c`, hops: [hop(`${API}/c`, 200, { 'access-control-allow-origin': '*' })] }),
    );
    expect(d).toMatchObject({
      verdict: 'blocked',
      credentials: 'include',
      credentialsBasis: 'verdict',
      code: 'WildcardOriginNotAllowed',
    });
    expect(d.hints.find((h) => h.code === 'credentials-inferred')?.message).toMatch(
      /only a credentialed request \('include'\) gives this outcome/,
    );
  });

  it('a failed preflight does not tell the mode, and the hint says so rather than naming one as the explanation', () => {
    const d = diagnose(
      obs({
        method: 'POST',
        url: `${API}/chat`,
        requestHeaders: { 'content-type': 'application/json' },
        preflight: preflight(`${API}/chat`, 405, {}),
      }),
    );
    expect(d).toMatchObject({ credentials: 'same-origin', credentialsBasis: 'undecided' });
    const hint = d.hints.find((h) => h.code === 'credentials-inferred')?.message ?? '';
    expect(hint).toMatch(/not observed and this outcome does not tell it/);
    expect(hint).not.toMatch(/explains/);
  });

  it('an allowed request keeps the default mode', () => {
    const d = diagnose(
      obs({
        url: `${API}/c`,
        netError: null,
        hops: [hop(`${API}/c`, 200, { 'access-control-allow-origin': '*' })],
      }),
    );
    expect(d).toMatchObject({
      verdict: 'allowed',
      code: 'allowed',
      credentials: 'same-origin',
      credentialsBasis: 'verdict',
    });
  });

  it('a known mode is used as given, without the hint', () => {
    const d = diagnose(
      obs({
        url: `${API}/d`,
        credentials: 'include',
        hops: [hop(`${API}/d`, 200, { 'access-control-allow-origin': PAGE })],
      }),
    );
    expect(d).toMatchObject({ code: 'InvalidAllowCredentials', failedParameter: '' });
    expect(d.hints.map((h) => h.code)).not.toContain('credentials-inferred');
    expect(d.credentialsBasis).toBeUndefined();
  });
});

describe('not CORS: never called CORS', () => {
  it.each([
    ['net::ERR_CONNECTION_REFUSED', 'connection-refused'],
    ['net::ERR_NAME_NOT_RESOLVED', 'dns-failure'],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'tls-error'],
    ['net::ERR_CERT_DATE_INVALID', 'tls-error'],
    ['net::ERR_SSL_PROTOCOL_ERROR', 'tls-error'],
    ['net::ERR_TIMED_OUT', 'timeout'],
    ['net::ERR_BLOCKED_BY_CLIENT', 'blocked-by-client'],
    ['net::ERR_BLOCKED_BY_RESPONSE', 'blocked-by-response'],
    ['net::ERR_BLOCKED_BY_CSP', 'csp-blocked'],
    ['mixed-content', 'mixed-content'],
    ['net::ERR_UNSAFE_REDIRECT', 'network-error'],
    ['net::ERR_ABORTED', 'network-error'],
  ] as const)('%s → %s', (netError, code) => {
    const d = diagnose(obs({ url: `${API}/p`, netError }));
    expect(d).toMatchObject({ verdict: 'not-cors', code, corsError: null, consoleMessage: null });
    expect(d.headline).not.toMatch(/CORS error|blocked by CORS/);
  });

  it('an https page calling a plain-http host with nothing seen is mixed content; loopback is exempt', () => {
    expect(
      diagnose(obs({ url: 'http://api.example/x', pageOrigin: 'https://app.example', pageSecure: true }))
        .code,
    ).toBe('mixed-content');
    expect(diagnose(obs({ url: `${API}/x`, pageOrigin: 'https://app.example', pageSecure: true })).code).toBe(
      'response-unseen',
    );
  });

  it('ERR_FAILED with no response and no preflight seen is not called "not CORS": the response was missed', () => {
    const d = diagnose(obs({ url: `${API}/x` }));
    expect(d.code).toBe('response-unseen');
    expect(d.headline).not.toContain('not a CORS problem');
    expect(d.headline).toContain('Record all tabs');
    expect(diagnose(obs({ url: `${API}/x`, netError: 'net::ERR_CONNECTION_RESET' })).code).toBe(
      'network-error',
    );
  });

  it('ERR_FAILED whose headers pass CORS is not blamed on CORS', () => {
    const d = diagnose(
      obs({
        url: `${API}/x`,
        hops: [hop(`${API}/x`, 200, { 'access-control-allow-origin': '*' })],
        credentials: 'same-origin',
      }),
    );
    expect(d).toMatchObject({ verdict: 'not-cors', code: 'network-error' });
  });
});

describe('Chrome verdict and hints', () => {
  it('confirmedByChrome when Chrome agrees, and Chrome wins when it does not', () => {
    const seen = obs({
      url: `${API}/b`,
      hops: [hop(`${API}/b`, 200, { 'access-control-allow-origin': 'http://evil.example' })],
    });
    expect(
      diagnose({
        ...seen,
        chromeVerdict: { corsError: 'AllowOriginMismatch', failedParameter: 'http://evil.example' },
      }).confirmedByChrome,
    ).toBe(true);
    const other = diagnose({
      ...seen,
      chromeVerdict: { corsError: 'InvalidAllowOriginValue', failedParameter: 'x' },
    });
    expect(other).toMatchObject({
      confirmedByChrome: false,
      corsError: 'InvalidAllowOriginValue',
      failedParameter: 'x',
    });
  });

  it.each([
    [`${PAGE}/`, 'acao-trailing-slash'],
    [`${PAGE}/app`, 'acao-has-path'],
    ['http://127.0.0.1:3000', 'localhost-vs-127'],
    ['http://localhost:5173', 'port-mismatch'],
    ['https://localhost:3000', 'scheme-mismatch'],
  ])('ACAO %s → hint %s', (acao, hint) => {
    const d = diagnose(
      obs({ url: `${API}/x`, hops: [hop(`${API}/x`, 200, { 'access-control-allow-origin': acao })] }),
    );
    expect(d.hints.map((h) => h.code)).toContain(hint);
  });

  it('duplicate ACAO lines, and an echoed origin without Vary: Origin', () => {
    const dup = diagnose(
      obs({
        url: `${API}/i2`,
        hops: [hop(`${API}/i2`, 200, { 'access-control-allow-origin': [PAGE, PAGE] })],
      }),
    );
    expect(dup.hints.map((h) => h.code)).toContain('duplicate-acao');
    const echo = diagnose(
      obs({
        url: `${API}/x`,
        netError: null,
        hops: [hop(`${API}/x`, 200, { 'access-control-allow-origin': PAGE })],
      }),
    );
    expect(echo.hints.map((h) => h.code)).toContain('missing-vary-origin');
    const varied = diagnose(
      obs({
        url: `${API}/x`,
        netError: null,
        hops: [hop(`${API}/x`, 200, { 'access-control-allow-origin': PAGE, vary: 'Accept, Origin' })],
      }),
    );
    expect(varied.hints.map((h) => h.code)).not.toContain('missing-vary-origin');
  });

  it('a preflighted request sent without a preflight was answered from the preflight cache', () => {
    const d = diagnose(
      obs({
        url: `${API}/x`,
        method: 'PUT',
        netError: null,
        hops: [hop(`${API}/x`, 200, { 'access-control-allow-origin': PAGE, vary: 'Origin' }, 'PUT')],
      }),
    );
    expect(d.verdict).toBe('allowed');
    expect(d.hints.map((h) => h.code)).toEqual(
      expect.arrayContaining(['preflight-cached', 'stale-preflight-cache']),
    );
  });

  it('a response header the page read but the server did not expose', () => {
    const d = diagnose(
      obs({
        url: `${API}/n`,
        netError: null,
        readHeaders: ['X-Secret', 'content-type'],
        hops: [
          hop(`${API}/n`, 200, {
            'access-control-allow-origin': '*',
            'x-secret': '1',
            'content-type': 'text/plain',
          }),
        ],
      }),
    );
    expect(d.hints.filter((h) => h.code === 'header-not-exposed').map((h) => h.message)).toEqual([
      expect.stringContaining("'x-secret'"),
    ]);
  });

  it('no-cors: allowed but opaque', () => {
    const d = diagnose(
      obs({ url: `${API}/q`, mode: 'no-cors', netError: null, hops: [hop(`${API}/q`, 200, {})] }),
    );
    expect(d).toMatchObject({ verdict: 'allowed', code: 'opaque-response' });
  });

  it('Authorization covered only by ACAH *: allowed in Chrome, with the deprecation warning', () => {
    const d = diagnose(
      obs({
        url: `${API}/h2`,
        netError: null,
        requestHeaders: { authorization: 'Bearer t' },
        preflight: preflight(
          `${API}/h2`,
          204,
          { 'access-control-allow-origin': PAGE, 'access-control-allow-headers': '*' },
          'GET',
          'authorization',
        ),
        hops: [hop(`${API}/h2`, 200, { 'access-control-allow-origin': PAGE, vary: 'Origin' })],
      }),
    );
    expect(d.verdict).toBe('allowed');
    expect(d.hints.map((h) => h.code)).toContain('authorization-wildcard');
  });

  it('a legacy Private Network Access verdict from Chrome is understood as local network access', () => {
    const d = diagnose(
      obs({
        url: 'http://192.168.1.2/x',
        chromeVerdict: { corsError: 'PreflightMissingAllowPrivateNetwork', failedParameter: '' },
      }),
    );
    expect(d.hints.map((h) => h.code)).toContain('local-network-access');
  });
});
