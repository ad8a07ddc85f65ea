// The only importer of webextension-polyfill: every other module gets `browser` from here, so a later switch to
// the native promise-based chrome.* API touches one file.
import browser from 'webextension-polyfill';

export { browser };
export type { Runtime, WebRequest, Tabs } from 'webextension-polyfill';

/** chrome.webRequest when the optional `webRequest` permission is held ("Record all tabs"), else null. */
export const optionalWebRequest = (): typeof browser.webRequest | null =>
  (globalThis as { chrome?: { webRequest?: unknown } }).chrome?.webRequest ? browser.webRequest : null;
