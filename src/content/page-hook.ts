// MAIN-world script at document_start: listens for the errors the page's own code failed to handle, so a CORS
// failure can show the error and stack the page saw. It never wraps fetch or XMLHttpRequest: measured, a wrapper
// becomes the top frame of the page's error stacks and of DevTools' initiator column, and makes the extension
// detectable (docs/chromium-behaviour.md#what-the-page-sees). The cost is that failures the page catches itself, and XHR errors
// (their events never reach window), are not seen here; the DevTools call site covers those.
import { PAGE_CHANNEL } from './page-message.ts';

// Kept at document_start, before page scripts can replace them.
const post = window.postMessage.bind(window);
const origin = location.origin === 'null' ? '*' : location.origin;

function report(reason: unknown, url: string | null): void {
  if (!(reason instanceof Error)) return;
  const message = `${reason.name}: ${reason.message}`;
  if (!/Failed to fetch|NetworkError|Network Error|Load failed/.test(message)) return;
  post({ channel: PAGE_CHANNEL, message, stack: reason.stack ?? '', url }, origin);
}

addEventListener(
  'unhandledrejection',
  (e) => {
    report(e.reason, null);
  },
  true,
);
addEventListener(
  'error',
  (e) => {
    report(e.error, null);
  },
  true,
);
