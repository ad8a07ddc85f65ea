// web-platform-tests expectations for redirects, ported to the engine (both profiles: none of them differs):
// fetch/api/cors/cors-redirect-credentials.js @ f55e51f67ea8ff206db48ad4d96d02da608b70dd,
// fetch/security/redirect-to-url-with-credentials.https.html @ 372e9038d3e1ae38fc6e787a766879ebde5f41ee,
// fetch/api/redirect/redirect-count.any.js @ 8f61206f95d3907a50532941cb3f3a1c7e293d96,
// fetch/api/cors/cors-redirect.any.js @ 8f61206f95d3907a50532941cb3f3a1c7e293d96.
import { describe, expect, it } from 'vitest';
import { BOTH, OTHER_PORT, PAGE, REMOTE, REMOTE2, RESOURCES, wptFetch } from './wpt-harness.ts';

const CODES = [301, 302, 303, 307, 308] as const;
const redirect = (from: string, location: string, code: number, extra = '') =>
  `${from}${RESOURCES}/redirect.py?redirect_status=${String(code)}&location=${encodeURIComponent(location)}${extra}`;
const withCreds = (url: string, creds: string) => url.replace('://', `://${creds}@`);

describe('cors-redirect-credentials.js: a CORS redirect to a URL with credentials is a network error', () => {
  const pre = `${RESOURCES}/preflight.py`;
  const directions = [
    ['from same origin to remote', PAGE, REMOTE + pre], // Fetch check (a): not same origin with the request's origin
    ['from remote to same origin', REMOTE, PAGE + pre], // check (b): response tainting is already cors
    ['from remote to another remote', REMOTE, REMOTE2 + pre],
    ['from remote to same remote', REMOTE, REMOTE + pre],
  ] as const;
  const cases = CODES.flatMap((code) =>
    directions.flatMap(([what, from, to]) =>
      (
        [
          ['user and password', 'user:password'],
          ['user', 'user:'],
          ['password', ':password'],
        ] as const
      ).map(
        ([who, creds]) =>
          [`Redirect ${String(code)} ${what} with ${who}`, from, withCreds(to, creds), code] as const,
      ),
    ),
  );
  it.each(cases)('%s', (_name, from, location, code) => {
    for (const browser of BOTH) {
      const r = wptFetch(redirect(from, location, code), { credentials: 'include' }, browser);
      expect(r.blocked, browser).toBe(true);
      expect(r.corsError, browser).toBe('RedirectContainsCredentials');
    }
  });
});

describe('redirect-to-url-with-credentials.https.html (the fetch() cases)', () => {
  const target = `${RESOURCES}/preflight.py?origin=${encodeURIComponent(PAGE)}&credentials`;
  it.each([
    ['No CORS fetch after a redirect with an URL containing credentials', REMOTE, 'no-cors', false],
    ['CORS fetch after a redirect with a cross origin URL containing credentials', REMOTE, 'cors', true],
    ['CORS fetch after a redirect with a same origin URL containing credentials', PAGE, 'cors', false],
  ] as const)('%s', (_name, host, mode, blocked) => {
    for (const browser of BOTH) {
      const r = wptFetch(redirect(PAGE, withCreds(host + target, 'user:pass'), 302), { mode }, browser);
      expect(r.blocked, browser).toBe(blocked);
    }
  });
  // Not ported, explained: the Image and iframe cases (4) load through <img>/<iframe>, not fetch(); the engine models
  // fetch()/XHR. Their CORS variants follow the same two checks as the fetch() cases above.
});

describe('redirect-count.any.js: 20 redirects are followed, the 21st is a network error', () => {
  it.each(CODES.flatMap((code) => [[code, 20, true] as const, [code, 21, false] as const]))(
    'Redirect %i %i times',
    (code, count, passes) => {
      for (const browser of BOTH) {
        const url = `${PAGE}${RESOURCES}/redirect.py?redirect_status=${String(code)}&max_count=${String(count)}&location=self`;
        const r = wptFetch(url, {}, browser);
        expect(r.blocked, browser).toBe(!passes);
        expect(r.corsError).toBeNull(); // too many redirects is not a CORS error
      }
    },
  );
});

describe('cors-redirect.any.js: no preflight, and the Origin after the redirect', () => {
  const pre = `${RESOURCES}/preflight.py`;
  it.each(
    CODES.flatMap((code) => [
      [`Redirect ${String(code)}: cors to same cors`, REMOTE, REMOTE + pre, code, PAGE] as const,
      [`Redirect ${String(code)}: cors to another cors`, REMOTE, OTHER_PORT + pre, code, 'null'] as const,
      [`Redirect ${String(code)}: same origin to cors`, PAGE, REMOTE + pre, code, PAGE] as const,
      [`Redirect ${String(code)}: cors to same origin`, REMOTE, PAGE + pre, code, 'null'] as const,
    ]),
  )('%s', (_name, from, location, code, origin) => {
    for (const browser of BOTH) {
      const r = wptFetch(redirect(from, location, code), {}, browser);
      expect(r.blocked, browser).toBe(false);
      expect(r.status).toBe(200);
      expect(r.preflightSent).toBe(false);
      expect(r.requestOrigin).toBe(origin);
    }
  });
});
