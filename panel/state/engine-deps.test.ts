// The production deps hand the engine the running browser: Chromium's major version selects the console wording the
// panel shows (src/engine/chrome-versions.ts), Firefox its own profile; a HAR file's options replace them.
import { describe, expect, it } from 'vitest';
import { consoleMessage } from '../../src/engine/console.ts';
import type { Observed } from '../../src/engine/types.ts';
import { createPanelDeps, runningOptions } from './engine-deps.ts';
import { memoryPrefs } from './deps.ts';

const PAGE = 'http://localhost:3000';
const URL_ = 'http://127.0.0.1:8000/r';
const FTP = 'ftp://127.0.0.1:8001/t';
/** A CORS redirect to ftp: (CorsDisabledScheme), whose console line lists schemes that changed in Chromium 151. */
const toFtp: Observed = {
  pageOrigin: PAGE,
  method: 'GET',
  url: URL_,
  requestHeaders: {},
  hops: [
    {
      url: URL_,
      method: 'GET',
      requestHeaders: { origin: PAGE },
      status: 302,
      responseHeaders: { 'access-control-allow-origin': PAGE, location: FTP },
    },
  ],
  netError: 'net::ERR_FAILED',
  kind: 'fetch',
};
const lineOn = (chromeVersion: number) =>
  consoleMessage({
    kind: 'fetch',
    url: FTP,
    initialUrl: URL_,
    origin: PAGE,
    corsError: 'CorsDisabledScheme',
    failedParameter: '',
    chromeVersion,
  });
const deps = (ua: string) =>
  createPanelDeps({ prefs: memoryPrefs(), version: '0', running: runningOptions({ userAgent: ua }) });
const CHROME_150 =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36';
const CHROME_156 = CHROME_150.replace('Chrome/150', 'Chrome/156');

describe('the running browser', () => {
  it('reads Chromium’s major from userAgentData, else from the user agent; Firefox is its profile', () => {
    const brands = [
      { brand: 'Not.A/Brand', version: '99' },
      { brand: 'Chromium', version: '150' },
    ];
    expect(runningOptions({ userAgent: CHROME_156, userAgentData: { brands } })).toEqual({
      chromeVersion: 150,
    });
    expect(runningOptions({ userAgent: CHROME_156 })).toEqual({ chromeVersion: 156 });
    expect(runningOptions({ userAgent: 'HeadlessChrome/150.0.7871.100' })).toEqual({ chromeVersion: 150 });
    expect(
      runningOptions({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0' }),
    ).toEqual({ browser: 'firefox' });
    expect(runningOptions({ userAgent: 'curl/8' })).toEqual({});
  });

  it('the panel’s console line is the running version’s wording', () => {
    const on150 = deps(CHROME_150).diagnose(toFtp);
    const on156 = deps(CHROME_156).diagnose(toFtp);
    expect(on150.corsError).toBe('CorsDisabledScheme');
    expect(on150.consoleMessage).toBe(lineOn(150));
    expect(on156.consoleMessage).toBe(lineOn(156));
    expect(on150.consoleMessage).not.toBe(on156.consoleMessage);
    expect(on150.consoleMessage).not.toContain('chrome-experimental-site-token-provider');
  });

  it('a HAR file’s profile replaces the running browser’s', () => {
    const chrome150 = deps(CHROME_150);
    expect(chrome150.engineBrowser).toBe('chrome');
    // The file does not say its Chromium version: the newest wording.
    expect(chrome150.diagnose(toFtp, { browser: 'chrome' }).consoleMessage).toBe(lineOn(156));
    expect(chrome150.diagnose(toFtp, { browser: 'firefox' }).consoleMessage).toMatch(
      /^Cross-Origin Request Blocked/,
    );
    const firefox = deps('Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0');
    expect(firefox.engineBrowser).toBe('firefox');
    expect(firefox.diagnose(toFtp).consoleMessage).toMatch(/^Cross-Origin Request Blocked/);
  });
});
