// The one versioned protocol between the service worker, the devtools page, the panel and the content scripts.
// Every message travels in an Envelope; `isEnvelope` is the only place that turns `unknown` into a message.
import type { ExchangeRecord, CallSite, PageError } from './model.ts';

/** Bump when a message shape changes incompatibly; both ends refuse other versions. */
export const PROTOCOL_VERSION = 1;
export const SOURCE = 'cors-lens';

/** Port name a panel uses for one inspected tab: `panel:<tabId>`. */
export const panelPortName = (tabId: number): string => `panel:${tabId}`;
export const parsePanelPortName = (name: string): number | null => {
  const m = /^panel:(\d{1,10})$/.exec(name);
  return m?.[1] ? Number(m[1]) : null;
};

/** Port the devtools page holds while DevTools is open on a tab: `devtools:<tabId>`. It marks the tab as
 * inspected (recorded) and carries NetworkAnnotation and Navigated messages. */
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
  /** Epoch ms when DevTools reported it; records that started earlier belong to the old page. */
  at: number;
}

/** Service worker → panel. Deltas carry a per-tab sequence number; a gap makes the panel ask for a snapshot.
 * The cross-origin exchanges of an inspected tab are recorded: a failure arrives when it fails, an allowed exchange
 * (`observed.netError: null`, `done: true`) once its response settled without error (background/successes.ts; no
 * extra listener, so a success still costs the page two dispatches). A record is re-sent whole when DevTools' call
 * site, the page's error or Chrome's verdict (precise mode) lands, or when an allowed exchange fails after all. Precise mode: the panel asks for the optional
 * `debugger` permission in its click handler (chrome.permissions.request needs the user's gesture), then sends
 * `set-precise`; the state comes back in `settings` (and in `snapshot`). */
export type PanelEvent =
  | {
      type: 'snapshot';
      tabId: number;
      seq: number;
      records: ExchangeRecord[];
      preserveLog: boolean;
      precise?: PreciseState;
    }
  | { type: 'record'; tabId: number; seq: number; record: ExchangeRecord }
  | { type: 'reset'; tabId: number; seq: number; reason: 'navigated' | 'cleared' | 'closed' }
  | { type: 'settings'; tabId: number; seq: number; preserveLog: boolean; precise?: PreciseState };

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

/** Devtools page → service worker: what the DevTools network log adds to a request webRequest saw. */
export interface NetworkAnnotation {
  type: 'annotate';
  tabId: number;
  url: string;
  method: string;
  /** Epoch ms when DevTools saw the request start. */
  startedAt: number;
  status: number;
  callSite: CallSite | null;
  /** DevTools' resource type tells fetch from XHR (webRequest calls both 'xmlhttprequest'). */
  kind?: 'fetch' | 'xhr';
  /** DevTools' own view of a failed exchange (HAR): completes a record whose last webRequest events a worker
   * restart swallowed, or stands in for one it missed entirely. Header values are truncated by the sender. */
  evidence?: {
    error: string;
    requestHeaders: { name: string; value: string }[];
    responseHeaders: { name: string; value: string }[];
  };
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

export type Message = PanelEvent | PanelCommand | NetworkAnnotation | PageErrorReport | Navigated;

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
  'annotate',
  'page-error',
  'navigated',
]);

export function assertNever(x: never): never {
  throw new Error(`unhandled message: ${JSON.stringify(x)}`);
}
