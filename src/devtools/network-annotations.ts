// HAR entry → NetworkAnnotation. DevTools' HAR carries Chrome-specific fields (`_initiator`, `_resourceType`,
// `_error`) that the standard HAR types lack; they are read defensively because they are not a stable API
// (measured on Chromium 156: chromium-observability.md §2.1).
import { LIMITS } from '../shared/limits.ts';
import type { CallSite } from '../shared/model.ts';
import type { NetworkAnnotation } from '../shared/protocol.ts';

interface CallFrame {
  functionName?: string;
  url?: string;
  lineNumber?: number; // 0-based
  columnNumber?: number; // 0-based
}
interface StackTrace {
  callFrames?: CallFrame[];
  parent?: StackTrace;
}
interface HarHeader {
  name: string;
  value: string;
}
export interface HarEntryLike {
  startedDateTime: string;
  request: { method: string; url: string; headers?: HarHeader[] };
  response: { status: number; headers?: HarHeader[]; _error?: string | null };
  _resourceType?: string;
  _initiator?: { type?: string; stack?: StackTrace };
}

/** The first frame with a URL, following async parents (`await fetch()` leaves the sync part empty). */
export function callSiteOf(stack: StackTrace | undefined): CallSite | null {
  for (let s = stack, depth = 0; s && depth < 20; s = s.parent, depth++) {
    const f = s.callFrames?.find((c) => c.url);
    if (f?.url)
      return {
        url: f.url,
        line: (f.lineNumber ?? 0) + 1,
        column: (f.columnNumber ?? 0) + 1,
        functionName: f.functionName ?? '',
      };
  }
  return null;
}

/** Only failed or redirected fetch/XHR entries: the worker has records only for cross-origin exchanges and
 * ignores annotations that match none, so successes need not cross the port. */
export function toAnnotation(tabId: number, e: HarEntryLike): NetworkAnnotation | null {
  const kind = e._resourceType === 'fetch' ? 'fetch' : e._resourceType === 'xhr' ? 'xhr' : null;
  if (!kind) return null;
  const status = e.response.status;
  const failed = Boolean(e.response._error) || status === 0;
  if (!failed && !(status >= 300 && status < 400)) return null;
  const startedAt = Date.parse(e.startedDateTime);
  if (Number.isNaN(startedAt)) return null;
  const ann: NetworkAnnotation = {
    type: 'annotate',
    tabId,
    url: e.request.url,
    method: e.request.method,
    startedAt,
    status,
    callSite: callSiteOf(e._initiator?.stack),
    kind,
  };
  const error = e.response._error;
  // ERR_ABORTED is the page not reading a body it was allowed to read, not a failure.
  if (error && error !== 'net::ERR_ABORTED')
    ann.evidence = {
      error,
      requestHeaders: capped(e.request.headers),
      responseHeaders: capped(e.response.headers),
    };
  return ann;
}

const capped = (h: HarHeader[] | undefined): HarHeader[] =>
  (h ?? [])
    .slice(0, LIMITS.headersPerMessage)
    .map(({ name, value }) => ({ name, value: value.slice(0, LIMITS.headerValueChars) }));
