// The only importer of webextension-polyfill: every other module gets `browser` from here, so a later switch to
// the native promise-based chrome.* API touches one file.
import browser from 'webextension-polyfill';
import { CHROME_WEB_REQUEST, FIREFOX_WEB_REQUEST, type WebRequestDialect } from './web-request-dialect.ts';

export { browser };
export type { Runtime, WebRequest, Tabs } from 'webextension-polyfill';

/** chrome.webRequest when the optional `webRequest` permission is held ("Record all tabs"), else null. */
export const optionalWebRequest = (): typeof browser.webRequest | null =>
  (globalThis as { chrome?: { webRequest?: unknown } }).chrome?.webRequest ? browser.webRequest : null;

/** The running browser's webRequest dialect: Firefox is the one with runtime.getBrowserInfo (the polyfill hands
 * Firefox's own `browser` through and adds nothing to Chrome's). */
export const webRequestDialect = (): WebRequestDialect =>
  'getBrowserInfo' in browser.runtime ? FIREFOX_WEB_REQUEST : CHROME_WEB_REQUEST;
