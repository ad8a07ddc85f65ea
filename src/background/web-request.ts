// webRequest details → capture events. Three listeners, filtered to the types a page's CORS request can have (fetch,
// XHR, EventSource and their preflights are `xmlhttprequest`; fonts, scripts, stylesheets, images, media: their own;
// shared/destination.ts decides which are CORS requests), two with `extraHeaders` in Chrome: without it Chrome hides
// preflights, the Origin header and the headers of the response that failed; Firefox's differences are its dialect
// (web-request-dialect.ts) (docs/chromium-behaviour.md#webrequest;
// https://developer.chrome.com/docs/extensions/reference/api/webRequest#life_cycle_of_requests).
// Handlers drop uninspected tabs, the browser's own requests and same-origin traffic on their first lines: the cost scales with dispatches,
// which is also why there is no onCompleted listener: a success is decided by a settle window after its final
// response headers (web-request-exchanges.ts; bench/overhead.bench.ts).
import type { WebRequest } from '../platform/browser.ts';
import { CHROME_WEB_REQUEST, type WebRequestDialect } from '../platform/web-request-dialect.ts';
import { LIMITS } from '../shared/limits.ts';
import { isSameOrigin } from '../shared/origin.ts';
import { headerValue, normaliseHeaders, truncate } from './headers.ts';
import type { CaptureEvent } from './web-request-exchanges.ts';
import { isTabless } from './web-request-owners.ts';

type Details = Pick<
  WebRequest.OnErrorOccurredDetailsType,
  'requestId' | 'url' | 'method' | 'frameId' | 'tabId' | 'timeStamp' | 'initiator' | 'originUrl' | 'type'
>;

/** The webRequest namespace as this module uses it (the real one, or a fake in tests). */
export interface WebRequestApi {
  onBeforeSendHeaders: WebRequest.OnBeforeSendHeadersEvent;
  onHeadersReceived: WebRequest.OnHeadersReceivedEvent;
  onErrorOccurred: WebRequest.OnErrorOccurredEvent;
}

export interface Capture {
  start(): void;
  stop(): void;
  readonly active: boolean;
}

// <all_urls>, not http(s) only: a redirect to another scheme fails on that URL, and its error must arrive.
// Exported for the overhead bench's listener-shape floor (bench/overhead/extensions.ts).
export const FILTER: WebRequest.RequestFilter = {
  urls: ['<all_urls>'],
  types: ['xmlhttprequest', 'font', 'script', 'stylesheet', 'image', 'media', 'other'],
};

function base(d: Details, pageOrigin: string): Omit<CaptureEvent, 'kind'> & { sameOrigin: boolean } {
  return {
    requestId: d.requestId,
    tabId: d.tabId,
    frameId: d.frameId,
    url: truncate(d.url, LIMITS.urlChars),
    method: d.method,
    type: d.type,
    pageOrigin,
    at: d.timeStamp,
    sameOrigin: isSameOrigin(pageOrigin, d.url),
  };
}

export type Sink = (ev: CaptureEvent & { sameOrigin: boolean }) => void;

export function createWebRequestCapture(
  api: WebRequestApi,
  isInspected: (tabId: number) => boolean,
  sink: Sink,
  dialect: WebRequestDialect = CHROME_WEB_REQUEST,
): Capture {
  // Requests without a page origin come from the browser or extensions, not from a page. A shared or service
  // worker's request has no tab (-1): it passes with its origin, and the service gives it to the tabs of that origin
  // (web-request-owners.ts).
  const pageOf = (d: Details): string | undefined =>
    (d.tabId >= 0 || isTabless(d)) && isInspected(d.tabId) ? dialect.pageOrigin(d) : undefined;

  const onSend = (d: WebRequest.OnBeforeSendHeadersDetailsType): void => {
    const page = pageOf(d);
    if (page === undefined) return;
    const headers = normaliseHeaders(d.requestHeaders, true);
    const acrm = d.method === 'OPTIONS' ? headerValue(headers, 'access-control-request-method') : undefined;
    sink({ ...base(d, page), kind: 'sent', headers, preflightFor: acrm ?? null });
  };
  const onHeaders = (d: WebRequest.OnHeadersReceivedDetailsType): void => {
    const page = pageOf(d);
    if (page !== undefined)
      sink({
        ...base(d, page),
        kind: 'headers',
        status: d.statusCode,
        headers: normaliseHeaders(d.responseHeaders),
      });
  };
  const onError = (d: WebRequest.OnErrorOccurredDetailsType): void => {
    const page = pageOf(d);
    if (page !== undefined) sink({ ...base(d, page), kind: 'failed', error: truncate(d.error, 200) });
  };

  let active = false;
  return {
    start() {
      if (active) return;
      active = true;
      api.onBeforeSendHeaders.addListener(onSend, FILTER, dialect.requestSpec);
      api.onHeadersReceived.addListener(onHeaders, FILTER, dialect.responseSpec);
      api.onErrorOccurred.addListener(onError, FILTER);
    },
    stop() {
      if (!active) return;
      active = false;
      api.onBeforeSendHeaders.removeListener(onSend);
      api.onHeadersReceived.removeListener(onHeaders);
      api.onErrorOccurred.removeListener(onError);
    },
    get active() {
      return active;
    },
  };
}
