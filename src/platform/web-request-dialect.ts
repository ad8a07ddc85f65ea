// Where Firefox's webRequest differs from Chrome's, as data the capture reads instead of testing the browser in
// each listener (measured in Firefox 153 ESR: docs/firefox.md#capture-in-firefox). No polyfill import, so the
// capture's unit tests use both dialects. browser.ts picks the running browser's.
import type { WebRequest } from 'webextension-polyfill';

export interface WebRequestDialect {
  name: 'chrome' | 'firefox';
  /** extraInfoSpec: Chrome hides preflights, the Origin and a failed response's headers without `extraHeaders`;
   * Firefox shows them all and rejects the value. */
  requestSpec: WebRequest.OnBeforeSendHeadersOptions[];
  responseSpec: WebRequest.OnHeadersReceivedOptions[];
  /** The origin of the page (or worker) that made the request, or undefined for the browser's own requests: Chrome
   * names it `initiator` (an origin), Firefox `originUrl` (a URL). */
  pageOrigin(d: { initiator?: string; originUrl?: string }): string | undefined;
  /** Chrome adds its webRequest proxy only when the extension loads, so a runtime grant waits for a browser restart;
   * Firefox's listeners work at once. */
  grantNeedsRestart: boolean;
  /** Firefox's webRequest completes a response that fails the CORS check like a success (no onErrorOccurred):
   * the engine's Firefox profile must judge those (background/firefox-judge.ts). */
  completesBlockedResponses: boolean;
  /** Firefox reports a request's onBeforeSendHeaders before its preflight's; Chrome the preflight first. */
  preflightAfterRequest: boolean;
}

export const CHROME_WEB_REQUEST: WebRequestDialect = {
  name: 'chrome',
  requestSpec: ['requestHeaders', 'extraHeaders'],
  responseSpec: ['responseHeaders', 'extraHeaders'],
  pageOrigin: (d) => d.initiator,
  grantNeedsRestart: true,
  completesBlockedResponses: false,
  preflightAfterRequest: false,
};

/** `originUrl` → its origin ("null" for an opaque one, as Chrome's initiator says); a missing or unparsable URL is
 * not a page's request. */
function originOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export const FIREFOX_WEB_REQUEST: WebRequestDialect = {
  name: 'firefox',
  requestSpec: ['requestHeaders'],
  responseSpec: ['responseHeaders'],
  pageOrigin: (d) => originOf(d.originUrl),
  grantNeedsRestart: false,
  completesBlockedResponses: true,
  preflightAfterRequest: true,
};
