// What the service worker records per tab and sends to the panel: plain JSON, no chrome.*, no DOM.
import type { Observed } from '../engine/types.ts';
import type { CaptureSource } from './exchange.ts';

/** Where in the page's code the request was made (DevTools initiator stack, top frame). */
export interface CallSite {
  url: string;
  line: number; // 1-based
  column: number; // 1-based
  functionName: string;
  /** The frames below it, nearest first (at most LIMITS.callerFrames): a call made through axios, ky or an SDK has
   * the library at the top and the app's call, with its options, further down (docs/fix-facts.md). */
  callers?: CallerFrame[];
}

export interface CallerFrame {
  url: string;
  line: number; // 1-based
  column: number; // 1-based
}

/** The error the page's own code saw (unhandled rejection / error event), relayed by the content scripts. */
export interface PageError {
  message: string;
  stack: string;
}

/** One cross-origin exchange of a tab: the engine's input plus what the page side added. */
export interface ExchangeRecord {
  /** Stable id: the source that first reported the exchange and its key there, `w:<requestId>` (webRequest) or
   * `d:<devtools id>` (DevTools' log). Unique per tab; it never changes when the other source adds to it. */
  id: string;
  tabId: number;
  /** webRequest's frame (0: the top frame; DevTools' log names none). -1: no frame, a shared or service worker's
   * request, which Chrome gives no tab: attributed to this tab by origin (`byOrigin`). */
  frameId: number;
  /** Epoch milliseconds when the request (or its preflight) started. */
  startedAt: number;
  /** Epoch milliseconds when it ended or failed (page errors are matched against it). */
  endedAt?: number;
  /** Whether the request has finished (completed or failed). */
  done: boolean;
  observed: Observed;
  callSite: CallSite | null;
  pageError: PageError | null;
  /** Each source's key for this exchange: how a later report of the same exchange finds it (tab-store.ts). */
  sources?: Partial<Record<CaptureSource, string>>;
}

/** Made by a shared or service worker and shown in this tab because the tab's page has the worker's origin: Chrome
 * does not say which tab's page uses the worker (background/web-request-owners.ts, docs/destinations.md). */
export const byOrigin = (r: Pick<ExchangeRecord, 'frameId'>): boolean => r.frameId === -1;
