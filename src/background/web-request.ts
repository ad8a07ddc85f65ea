// webRequest details → capture events. Three listeners, filtered to the types a page's CORS request can have (fetch,
// XHR, EventSource and their preflights are `xmlhttprequest`; fonts, scripts, stylesheets, images, media: their own;
// shared/destination.ts decides which are CORS requests), two with `extraHeaders`: without it Chrome hides preflights, the Origin header
// and the headers of the response that failed (docs/chromium-behaviour.md#webrequest;
// https://developer.chrome.com/docs/extensions/reference/api/webRequest#life_cycle_of_requests).
// Handlers drop uninspected tabs and same-origin traffic on their first lines: the cost scales with dispatches,
// which is also why there is no onCompleted listener: a success is decided by a settle window after its final
// response headers (web-request-exchanges.ts; bench/overhead.bench.ts).
import type { WebRequest } from '../platform/browser.ts';
import { LIMITS } from '../shared/limits.ts';
import { isSameOrigin } from '../shared/origin.ts';
import { headerValue, normaliseHeaders, truncate } from './headers.ts';
import type { CaptureEvent } from './web-request-exchanges.ts';

type Details = Pick<
  WebRequest.OnErrorOccurredDetailsType,
  'requestId' | 'url' | 'method' | 'frameId' | 'tabId' | 'timeStamp' | 'initiator' | 'type'
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
const FILTER: WebRequest.RequestFilter = {
  urls: ['<all_urls>'],
  types: ['xmlhttprequest', 'font', 'script', 'stylesheet', 'image', 'media', 'other'],
};

function base(d: Details): Omit<CaptureEvent, 'kind'> & { sameOrigin: boolean } {
  const pageOrigin = d.initiator ?? '';
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
): Capture {
  // Requests without an initiator come from the browser or extensions, not from a page.
  const wanted = (d: Details): boolean => d.tabId >= 0 && d.initiator !== undefined && isInspected(d.tabId);

  const onSend = (d: WebRequest.OnBeforeSendHeadersDetailsType): void => {
    if (!wanted(d)) return;
    const headers = normaliseHeaders(d.requestHeaders, true);
    const acrm = d.method === 'OPTIONS' ? headerValue(headers, 'access-control-request-method') : undefined;
    sink({ ...base(d), kind: 'sent', headers, preflightFor: acrm ?? null });
  };
  const onHeaders = (d: WebRequest.OnHeadersReceivedDetailsType): void => {
    if (wanted(d))
      sink({
        ...base(d),
        kind: 'headers',
        status: d.statusCode,
        headers: normaliseHeaders(d.responseHeaders),
      });
  };
  const onError = (d: WebRequest.OnErrorOccurredDetailsType): void => {
    if (wanted(d)) sink({ ...base(d), kind: 'failed', error: truncate(d.error, 200) });
  };

  let active = false;
  return {
    start() {
      if (active) return;
      active = true;
      api.onBeforeSendHeaders.addListener(onSend, FILTER, ['requestHeaders', 'extraHeaders']);
      api.onHeadersReceived.addListener(onHeaders, FILTER, ['responseHeaders', 'extraHeaders']);
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
