// The one shape both capture sources produce (docs/architecture.md#one-exchange-shape-one-merge-point): a finished
// cross-origin exchange with its preflight linked, its redirect hops chained and its end (a response, or the net
// error). DevTools' log (devtools/har-exchanges.ts) and webRequest (background/web-request-exchanges.ts) each
// assemble it; the tab store merges it into a record (background/tab-store.ts `upsert`). Plain JSON.
import type { HeaderMap, ResourceKind } from '../engine/types.ts';
import type { CallSite } from './model.ts';

/** One request and its response, as sent on the wire. `H`: the header form (DevTools' pairs, or a normalised map). */
export interface Hop<H = HeaderMap> {
  url: string;
  method: string;
  requestHeaders: H;
  /** 0: no response. */
  status: number;
  responseHeaders: H;
}

export type CaptureSource = 'webRequest' | 'devtools';

export interface CapturedExchange<H = HeaderMap> {
  /** The source's own key, unique per source: webRequest's requestId, or the devtools page's session-scoped id. */
  key: string;
  tabId: number;
  /** webRequest's frameId; null when the source cannot tell (DevTools' log). */
  frameId: number | null;
  /** What made it (engine/types.ts ResourceKind), when the source can tell: DevTools' resource type, webRequest's type. */
  kind: ResourceKind | null;
  /** The Origin the request carried (never a tainted `null`: a redirected hop inherits its chain's). */
  pageOrigin: string;
  /** Epoch ms: the first request (or its preflight) started; the exchange ended or failed. */
  startedAt: number;
  endedAt: number;
  /** The first request as the page made it; headers absent when it was never sent (its preflight failed). */
  request: { url: string; method: string; headers: H | null };
  preflight: Hop<H> | null;
  /** Every response of the request in order: redirects, then the final one. Empty: no response. */
  hops: Hop<H>[];
  /** The net error (`net::ERR_FAILED` for every CORS reason), or null: it completed. */
  error: string | null;
  callSite: CallSite | null;
}
