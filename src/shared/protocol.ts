// The one versioned protocol between the service worker, the devtools page, the panel and the content scripts.
// Every message travels in an Envelope; `isEnvelope` is the only place that turns `unknown` into a message.
import type { ExchangeRecord, PageError } from './model.ts';
import type { CapturedExchange } from './exchange.ts';

/** Bump when a message shape changes incompatibly; both ends refuse other versions. */
export const PROTOCOL_VERSION = 5;
export const SOURCE = 'cors-lens';

/** Port name a panel uses for one inspected tab: `panel:<tabId>`. */
export const panelPortName = (tabId: number): string => `panel:${tabId}`;
export const parsePanelPortName = (name: string): number | null => {
  const m = /^panel:(\d{1,10})$/.exec(name);
  return m?.[1] ? Number(m[1]) : null;
};

/** Port the devtools page holds while DevTools is open on a tab: `devtools:<tabId>`. It marks the tab as
 * inspected (recorded) and carries DevtoolsExchange and Navigated messages. */
export const devtoolsPortName = (tabId: number): string => `devtools:${tabId}`;
export const parseDevtoolsPortName = (name: string): number | null => {
  const m = /^devtools:(\d{1,10})$/.exec(name);
  return m?.[1] ? Number(m[1]) : null;
};

/** Devtools page → service worker: the inspected page committed a top-level navigation (DevTools' own signal,
 * the same moment its Network panel clears). */
export interface Navigated {
  type: 'navigated';
  tabId: number;
  /** Epoch ms when the new document took over (devtools/navigation-start.ts); records that started earlier belong to
   * the old page. */
  at: number;
}

/** Service worker → panel. Deltas carry a per-tab sequence number; a gap makes the panel ask for a snapshot.
 * The cross-origin exchanges of a recorded tab (DevTools open, or every tab with "Record all tabs") arrive as
 * records: a failure when it fails, an allowed exchange (`observed.netError: null`, `done: true`) once it completed
 * (DevTools) or its response settled without error (webRequest: background/web-request-exchanges.ts). A record is re-sent
 * whole, under its id, when it becomes more complete: a redirect hop or a response DevTools reported late, the call
 * site, the page's error, Chrome's verdict (precise mode), or an allowed exchange failing after all. Precise mode
 * and "Record all tabs": the panel asks for the optional permission in its click handler
 * (chrome.permissions.request needs the user's gesture); the states come back in `settings` and `snapshot`. */
export type PanelEvent =
  | {
      type: 'snapshot';
      tabId: number;
      seq: number;
      records: ExchangeRecord[];
      preserveLog: boolean;
      precise?: PreciseState;
      allTabs?: AllTabsState;
    }
  | { type: 'record'; tabId: number; seq: number; record: ExchangeRecord }
  | { type: 'reset'; tabId: number; seq: number; reason: 'navigated' | 'cleared' | 'closed' }
  | {
      type: 'settings';
      tabId: number;
      seq: number;
      preserveLog: boolean;
      precise?: PreciseState;
      allTabs?: AllTabsState;
    };

/** "Record all tabs" (the optional `webRequest` permission): off; granted but not yet in effect, because Chromium
 * puts its webRequest proxy in place only when the extension loads (measured: a runtime grant delivers no event
 * until the browser restarts); or on. */
export type AllTabsState = 'off' | 'restart' | 'on';

/** Precise mode (chrome.debugger on the inspected tab): off, being attached, on, the user refused the optional
 * permission, or attaching failed (another debugger, a chrome:// page). */
export type PreciseState = 'off' | 'attaching' | 'on' | 'denied' | 'error';

/** Panel → service worker. */
export type PanelCommand =
  | { type: 'snapshot'; tabId: number }
  | { type: 'clear'; tabId: number }
  | { type: 'set-preserve-log'; tabId: number; value: boolean }
  /** Precise mode: attach chrome.debugger to read Chrome's own verdict; false detaches. */
  | { type: 'set-precise'; tabId: number; value: boolean };

export interface HeaderPair {
  name: string;
  value: string;
}

/** Devtools page → service worker: finished cross-origin exchanges from DevTools' network log (their redirect hops
 * joined, their preflights linked: devtools/har-exchanges.ts), in DevTools' header form, in the order they were
 * finished; the worker normalises the headers and hands each to the tab store's one merge point, whichever capture
 * mode is on. Several travel in one message when DevTools reports them faster than the devtools page runs (one
 * message each cost more than all the rest of recording: docs/architecture.md#capture-overhead). Re-sent, more
 * complete or after a reconnect, under the same key: the merge is idempotent. */
export interface DevtoolsExchange {
  type: 'exchange';
  tabId: number;
  /** The devtools page's message number, increasing: what `Stored` acknowledges. */
  n: number;
  exchanges: PackedExchange[];
}

/** An exchange on the wire. Its first request's headers are nearly always its first hop's, and are sent once:
 * `request.headers` then says 'hop' (v5). What a message costs the devtools page grows with its size
 * (docs/architecture.md#capture-overhead), and the request headers are its largest part. */
export type PackedExchange = Omit<CapturedExchange<HeaderPair[]>, 'request'> & {
  request: { url: string; method: string; headers: HeaderPair[] | null | 'hop' };
};

export const pack = (x: CapturedExchange<HeaderPair[]>): PackedExchange =>
  x.request.headers !== null && x.request.headers === x.hops[0]?.requestHeaders
    ? { ...x, request: { ...x.request, headers: 'hop' } }
    : x;

export const unpack = (x: PackedExchange): CapturedExchange<HeaderPair[]> => {
  const { headers } = x.request;
  return {
    ...x,
    request: { ...x.request, headers: headers === 'hop' ? (x.hops[0]?.requestHeaders ?? null) : headers },
  };
};

/** Service worker → devtools page: every exchange up to `upTo` (DevtoolsExchange.n) sent on this port is in
 * storage.session. Until then the devtools page keeps it and sends it again on every reconnect, so a worker stopped
 * before it wrote loses nothing, however many times it is stopped in a row. */
export interface Stored {
  type: 'stored';
  tabId: number;
  upTo: number;
}

/** Service worker → devtools page: these exchanges (by key) were sent without a response; read them again from getHAR()
 * (DevTools may have attached it late: devtools/har-exchanges.ts). The worker's timer sets the pace, because the
 * devtools page is hidden and Chrome throttles its timers to about one a second. */
export interface Reread {
  type: 'reread';
  tabId: number;
  ids: string[];
}

/** Content script (relaying the MAIN-world hook) → service worker: an error the page's code saw. */
export interface PageErrorReport {
  type: 'page-error';
  /** The failing URL, when the error names it (XHR); fetch errors carry no URL. */
  url: string | null;
  /** Epoch ms in the page. */
  at: number;
  error: PageError;
}

export type Message =
  PanelEvent | PanelCommand | DevtoolsExchange | Stored | Reread | PageErrorReport | Navigated;

export interface Envelope<M extends Message = Message> {
  source: typeof SOURCE;
  v: typeof PROTOCOL_VERSION;
  msg: M;
}

export const wrap = <M extends Message>(msg: M): Envelope<M> => ({
  source: SOURCE,
  v: PROTOCOL_VERSION,
  msg,
});

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** Shape check of the envelope and the message type; field-level validation of untrusted page data is the
 * receiver's job (see background/page-input.ts). */
export function isEnvelope(x: unknown): x is Envelope {
  if (!isRecord(x) || x.source !== SOURCE || x.v !== PROTOCOL_VERSION || !isRecord(x.msg)) return false;
  return typeof x.msg.type === 'string' && MESSAGE_TYPES.has(x.msg.type);
}

const MESSAGE_TYPES = new Set<string>([
  'snapshot',
  'record',
  'reset',
  'settings',
  'clear',
  'set-preserve-log',
  'set-precise',
  'exchange',
  'stored',
  'reread',
  'page-error',
  'navigated',
]);

export function assertNever(x: never): never {
  throw new Error(`unhandled message: ${JSON.stringify(x)}`);
}
