// web-platform-tests expectations from cors/ (the XMLHttpRequest-era suite), ported to the engine against
// cors/resources/cors-makeheader.py @ 05dd863caf60f756b1a970f3fd4e0b1d00dfa324: cors/origin.htm, cors/status.htm,
// cors/redirect-userinfo.htm @ 16dccc2c48c7d0f2db6419710fd121d6dc6e4aa3; cors/preflight-failure.htm @
// 8cc44e820e0458d34a5090dd1c8ce37358183279. XHR's verdicts are fetch()'s (the engine models both the same way).
import { describe, expect, it } from 'vitest';
import { PAGE, REMOTE, inBoth, wptFetch } from './wpt-harness.ts';

const MAKEHEADER = `${REMOTE}/cors/resources/cors-makeheader.py`;
const makeHeader = (params: Record<string, string>, base = MAKEHEADER) =>
  `${base}?${new URLSearchParams(params).toString()}`;
const HOST = new URL(PAGE).host; // location.host of the test page
const PARENT = HOST.replace(/^[^.]+\./, ''); // location.host.replace(/^[^\.]+\./, "")

describe('cors/origin.htm: Access-Control-Allow-Origin handling', () => {
  it.each(['*', ' *  ', '\t*', PAGE, ` ${PAGE}`, ` ${PAGE}   \t `, `\t${PAGE}`])(
    'Allow origin: %j',
    (origin) => {
      // Leading and trailing whitespace is not part of an HTTP header value: the browser sees it trimmed.
      inBoth((browser) => {
        const r = wptFetch(makeHeader({ origin: origin.trim() }), {}, browser);
        expect([r.blocked, r.requestOrigin], browser).toEqual([false, PAGE]);
      });
    },
  );
  it.each([
    `http://www1.${HOST}`,
    `//${HOST}`,
    `://${HOST}`,
    `ftp://${HOST}`,
    `http:://${HOST}`,
    `http:/${HOST}`,
    `http:${HOST}`,
    HOST,
    `${PAGE}?`,
    `${PAGE}/`,
    `${PAGE} /`,
    `${PAGE}#`,
    `${PAGE}%23`,
    `${PAGE}:80`,
    `${PAGE}, *`,
    `${PAGE}\0`,
    PAGE.toUpperCase(),
    `HTTP://${HOST}`,
    '-',
    '**',
    '\0*',
    '*\0',
    "'*'",
    '"*"',
    '* *',
    '* null',
    '*http://*',
    `*${PAGE}`,
    `* ${PAGE}`,
    `*, ${PAGE}`,
    `\0${PAGE}`,
    `null ${PAGE}`,
    'http://example.net',
    'null',
    'null *',
    '',
    `${PAGE}/cors/origin.htm`,
    `${PAGE}/cors/`,
    `${REMOTE}/cors/`,
    PARENT,
    `.${PARENT}`,
    `*.${PARENT}`,
    `http://${PARENT}`,
    `http://.${PARENT}`,
    `http://*.${PARENT}`,
  ])('Disallow origin: %j', (origin) => {
    inBoth((browser) => {
      const r = wptFetch(makeHeader({ origin }), {}, browser);
      expect([r.blocked, r.stage], browser).toEqual([true, 'actual']);
      expect(r.corsError).not.toBeNull();
    });
  });
  it.each([
    ['', '*'],
    ['*', ''],
    ['*', '*'],
    ['', PAGE],
    ['*', PAGE],
    [PAGE, PAGE],
  ])('Disallow multiple headers (%j, %j)', (origin, origin2) => {
    inBoth((browser) => {
      const r = wptFetch(makeHeader({ origin, origin2 }), {}, browser);
      expect(r.blocked, browser).toBe(true);
    });
  });
});

describe('cors/status.htm: the status script sees', () => {
  it.each([
    ['1. CORS disallowed, response status 400', false, null, 400, 0],
    ['2. CORS disallowed, preflight status 200', false, 200, null, 0],
    ['3. CORS allowed, response status 400', true, null, 400, 400],
    ['4. CORS allowed, preflight status 200, response status 400', true, 200, 400, 400],
    ['5. CORS allowed, preflight status 400', true, 400, null, 0],
  ] as const)('%s', (_name, allow, preflight, response, status) => {
    const params: Record<string, string> = allow ? { headers: 'x-custom' } : { origin: 'none' };
    if (response !== null) params['code'] = String(response);
    if (preflight !== null) params['preflight'] = String(preflight);
    inBoth((browser) => {
      const headers = preflight === null ? {} : { 'X-Custom': 'preflight' };
      const r = wptFetch(makeHeader(params), { headers }, browser);
      expect(r.blocked, browser).toBe(status === 0);
      if (status !== 0) expect(r.status).toBe(status);
    });
  });
});

describe('cors/preflight-failure.htm: a preflight needs a 2xx status', () => {
  const codes = [200, 299, 300, 301, 302, 303, 304, 305, 306, 307, 308];
  const errors = [400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417];
  it.each([...codes, ...errors, 500, 501, 502, 503, 504, 505, 680, 790])(
    'Should succeed / throw error if preflight has status %i',
    (code) => {
      const ok = code >= 200 && code <= 299;
      const target = makeHeader({ headers: 'x-test' });
      const url = makeHeader({
        headers: 'x-test',
        location: target,
        code: String(code),
        preflight: String(code),
      });
      inBoth((browser) => {
        const r = wptFetch(url, { headers: { 'x-test': 'test' } }, browser);
        expect([r.blocked, r.stage], browser).toEqual(ok ? [false, null] : [true, 'preflight']);
      });
    },
  );
});

describe('cors/redirect-userinfo.htm: a CORS redirect to a URL with userinfo', () => {
  it.each([
    ['Disallow redirect with userinfo (//user:pass@)', 'test:test@', true],
    ['Disallow redirect with userinfo (//user:@)', 'user:@', true],
    ['Disallow redirect with userinfo (//user@)', 'user:@', true],
    ['Disallow redirect with userinfo (//:@)', ':@', false],
    ['Disallow redirect with userinfo (//:pass@)', ':pass@', true],
    ['Allow redirect with userinfo (//@)', '@', false],
  ] as const)('%s', (_name, userinfo, fails) => {
    const last = makeHeader({ get_value: 'last' }, MAKEHEADER.replace('http://', `http://${userinfo}`));
    inBoth((browser) => {
      const r = wptFetch(makeHeader({ location: last }), {}, browser);
      expect(r.blocked, browser).toBe(fails);
      if (fails) expect(r.corsError).toBe('RedirectContainsCredentials');
    });
  });
});
