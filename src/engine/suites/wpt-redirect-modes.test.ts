// web-platform-tests expectations for the rest of fetch/api/redirect, ported to the engine:
// redirect-mode.any.js, redirect-back-to-original-origin.any.js, redirect-to-dataurl.any.js @
// 8cc44e820e0458d34a5090dd1c8ce37358183279; redirect-method.any.js @ 1496b5bb1e8888c6659141a3299e93eed6b8aec0;
// redirect-location.js @ 036556df1ddb19d4869d4f1efda9a60511670cf6; redirect-origin.any.js @
// 7521c85d6471edb3d57ffcc375d5daee77f44bce; redirect-schemes.html @ d09aedb727ce108bdacc2ebb5252f598547ae13d.
// Where the profiles differ, the row says which; not ported and why: docs/engine.md, "Ported suites".
import { describe, expect, it } from 'vitest';
import { PAGE, REMOTE, RESOURCES, inBoth, wptFetch } from './wpt-harness.ts';
import type { RequestMode } from '../types.ts';

const CODES = [301, 302, 303, 307, 308] as const;
const redirectPy = (host: string, params: Record<string, string>) =>
  `${host}${RESOURCES}/redirect.py?${new URLSearchParams(params).toString()}`;

describe('redirect-mode.any.js', () => {
  const modes = ['error', 'manual', 'follow'] as const;
  const cases = (['same-origin', 'cross-origin'] as const).flatMap((where) =>
    CODES.flatMap((code) =>
      modes.flatMap((redirect) =>
        (['cors', 'no-cors'] as const).map((mode) => [where, code, redirect, mode] as const),
      ),
    ),
  );
  it.each(cases)('%s redirect %i in %s redirect and %s mode', (where, code, redirect, mode) => {
    inBoth((browser) => {
      const host = where === 'same-origin' ? PAGE : REMOTE;
      const url = redirectPy(host, { redirect_status: String(code), location: 'cors-top.txt' });
      const r = wptFetch(url, { redirect, mode }, browser);
      const rejects =
        redirect === 'error' || (mode === 'no-cors' && redirect !== 'follow' && where !== 'same-origin');
      expect(r.blocked, browser).toBe(rejects);
      if (rejects) return;
      if (redirect === 'manual')
        expect(r.status).toBe(code); // the opaque-redirect's internal response
      else if (mode === 'no-cors' && where === 'cross-origin') expect(r.responseType).toBe('opaque');
      else expect([r.status, new URL(r.url).pathname]).toEqual([200, `${RESOURCES}/cors-top.txt`]);
    });
  });
});

describe('redirect-method.any.js: the method and body headers after a redirect', () => {
  it.each([
    [301, 'GET'],
    [301, 'POST'],
    [301, 'HEAD'],
    [302, 'GET'],
    [302, 'POST'],
    [302, 'HEAD'],
    [303, 'GET'],
    [303, 'POST'],
    [303, 'HEAD'],
    [303, 'TESTING'],
    [307, 'GET'],
    [307, 'POST'],
    [307, 'HEAD'],
  ] as const)('Redirect %i with %s', (code, method) => {
    inBoth((browser) => {
      // Same origin: every one of them succeeds, with the method.py response (the engine has no method echo).
      const url = redirectPy(PAGE, { redirect_status: String(code), location: 'method.py' });
      const r = wptFetch(url, { method }, browser);
      expect([r.blocked, r.status, r.responseType]).toEqual([false, 200, 'basic']);
    });
  });
  it('Response.redirected should be false on not-redirected responses', () => {
    inBoth((browser) => {
      expect(wptFetch(`${PAGE}${RESOURCES}/method.py`, {}, browser).blocked).toBe(false);
    });
  });
});

describe('redirect-location.js', () => {
  const cases = CODES.flatMap((code) => [
    [`Redirect ${String(code)} in "follow" mode without location`, code, null, 'follow', true, true] as const,
    [`Redirect ${String(code)} in "manual" mode without location`, code, null, 'manual', true, true] as const,
    [
      `Redirect ${String(code)} in "follow" mode with invalid location`,
      code,
      '#invalidurl:',
      'follow',
      false,
      false,
    ] as const,
    [
      `Redirect ${String(code)} in "manual" mode with invalid location`,
      code,
      '#invalidurl:',
      'manual',
      true,
      true,
    ] as const,
    [
      `Redirect ${String(code)} in "follow" mode with data location`,
      code,
      'data:,data%20url',
      'follow',
      false,
      false,
    ] as const,
    // Chrome's network stack refuses data: before the redirect mode is looked at, as the file expects; the standard
    // returns an opaque-redirect without parsing the Location (Fetch "HTTP fetch", redirect mode "manual").
    [
      `Redirect ${String(code)} in "manual" mode with data location`,
      code,
      'data:,data%20url',
      'manual',
      false,
      true,
    ] as const,
  ]);
  it.each(cases)('%s', (_name, code, location, redirect, passesInChrome, passesInStandard) => {
    inBoth((browser) => {
      const params: Record<string, string> = { redirect_status: String(code) };
      if (location !== null) params['location'] = location;
      const r = wptFetch(redirectPy(PAGE, params), { redirect }, browser);
      expect(r.blocked, browser).toBe(!(browser === 'chrome' ? passesInChrome : passesInStandard));
      if (location === null) expect(r.status).toBe(code); // no Location: the redirect response is the response
    });
  });
});

describe('redirect-origin.any.js: the Origin header after a redirect', () => {
  const same = `${PAGE}${RESOURCES}/inspect-headers.py?headers=origin`;
  const cors = `${REMOTE}${RESOURCES}/inspect-headers.py?cors&headers=origin`;
  const cases = ['GET', 'POST'].flatMap((method) =>
    CODES.flatMap((code) => [
      [
        `Same origin to same origin redirection ${method} ${String(code)}`,
        method,
        PAGE,
        same,
        code,
        null,
      ] as const,
      [
        `Same origin to other origin redirection ${method} ${String(code)}`,
        method,
        PAGE,
        cors,
        code,
        PAGE,
      ] as const,
      [
        `Other origin to other origin redirection ${method} ${String(code)}`,
        method,
        REMOTE,
        cors,
        code,
        PAGE,
      ] as const,
      [
        `Other origin to same origin redirection ${method} ${String(code)}`,
        method,
        REMOTE,
        `${same}&cors`,
        code,
        'null',
      ] as const,
    ]),
  );
  it.each(cases)('%s', (_name, method, from, location, code, origin) => {
    inBoth((browser) => {
      const url = redirectPy(from, { max_age: '0', redirect_status: String(code), location });
      const r = wptFetch(url, { method }, browser);
      expect([r.blocked, r.status], browser).toEqual([false, 200]);
      // A same-origin request sends no Origin for GET (the engine's requestOrigin is then the page's, unused).
      if (origin !== null) expect(r.requestOrigin).toBe(origin);
    });
  });
});

describe('redirect-back-to-original-origin.any.js', () => {
  const destination = `${PAGE}${RESOURCES}/cors-top.txt`;
  const url = redirectPy(REMOTE, { redirect_status: '303', location: destination });
  it.each([
    ['original => remote => original with mode: "no-cors"', 'no-cors', 'opaque'],
    ['original => remote => original with mode: "cors"', 'cors', 'cors'],
  ] as const)('%s', (_name, mode: RequestMode, type) => {
    inBoth((browser) => {
      const r = wptFetch(url, { mode }, browser);
      expect([r.blocked, r.responseType]).toEqual([false, type]);
    });
  });
});

describe('redirect-to-dataurl.any.js: a redirect to a data: URL is a network error', () => {
  const location = 'data:text/plain;base64,cmVzcG9uc2UncyBib2R5';
  it.each([
    ['after same-origin redirection (cors mode)', PAGE, 'cors'],
    ['after same-origin redirection (no-cors mode)', PAGE, 'no-cors'],
    ['after same-origin redirection (same-origin mode)', PAGE, 'same-origin'],
    ['after cross-origin redirection (cors mode)', REMOTE, 'cors'],
    ['after cross-origin redirection (no-cors mode)', REMOTE, 'no-cors'],
  ] as const)('Testing data URL loading %s', (_name, host, mode: RequestMode) => {
    inBoth((browser) => {
      const r = wptFetch(
        `${host}${RESOURCES}/redirect.py?cors&location=${encodeURIComponent(location)}`,
        { mode },
        browser,
      );
      expect([r.blocked, r.corsError], browser).toEqual([true, null]);
    });
  });
});

describe('redirect-schemes.html: no non-HTTP(S) scheme survives a redirect', () => {
  it.each([
    'mailto:a@a.com',
    'data:,HI',
    'facetime:a@a.org',
    'about:blank',
    'about:unicorn',
    'blob:djfksfjs',
  ])('redirect to %s', (location) => {
    inBoth((browser) => {
      const r = wptFetch(
        `${PAGE}${RESOURCES}/redirect.py?location=${encodeURIComponent(location)}`,
        {},
        browser,
      );
      expect(r.blocked, browser).toBe(true);
    });
  });
});
