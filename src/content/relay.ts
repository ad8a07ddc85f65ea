// ISOLATED-world content script, registered only while "Record all tabs" is on (background/page-scripts.ts): relays the MAIN-world hook's reports to the service worker. Cheap checks
// first (source window, channel, sizes, a per-page rate limit), so a page flooding postMessage costs the
// worker nothing; the worker validates again (the relay runs in the page's process).
import { browser } from '../platform/browser.ts';
import { LIMITS } from '../shared/limits.ts';
import { wrap } from '../shared/protocol.ts';
import { isPageMessage } from './page-message.ts';

let windowStart = 0;
let sent = 0;

addEventListener('message', (e: MessageEvent) => {
  if (e.source !== window || !isPageMessage(e.data, LIMITS.pageErrorChars)) return;
  const now = Date.now();
  if (now - windowStart >= 1_000) {
    windowStart = now;
    sent = 0;
  }
  if (++sent > LIMITS.pageMessagesPerSecond) return;
  const { message, stack, url } = e.data;
  browser.runtime
    .sendMessage(wrap({ type: 'page-error', url, at: now, error: { message, stack } }))
    .catch(() => {
      // No receiver (the extension was reloaded): nothing to report to.
    });
});
