// What the devtools page reads of a DevTools HAR entry. DevTools' HAR carries Chrome-specific fields
// (`_initiator`, `_resourceType`, `_error`) that the standard HAR types lack; they are read defensively because they
// are not a stable API (measured on Chromium 156: docs/chromium-behaviour.md#devtools-network-log).
import { LIMITS } from '../shared/limits.ts';
import type { CallSite } from '../shared/model.ts';
import type { Hop } from '../shared/exchange.ts';
import type { HeaderPair } from '../shared/protocol.ts';

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
export interface HarEntryLike {
  startedDateTime: string;
  /** Total time in ms, from the start to the end (or the failure). */
  time?: number;
  request: { method: string; url: string; headers?: HeaderPair[] };
  response: { status: number; headers?: HeaderPair[]; redirectURL?: string; _error?: string | null };
  _resourceType?: string;
  _initiator?: { type?: string; stack?: StackTrace };
}

/** The first frame with a URL, following async parents (`await fetch()` leaves the sync part empty), with the
 * frames with a URL below it as its callers (the app's own frame under a client library's). */
export function callSiteOf(stack: StackTrace | undefined): CallSite | null {
  const frames: CallFrame[] = [];
  for (
    let s = stack, depth = 0;
    s && depth < 20 && frames.length <= LIMITS.callerFrames;
    s = s.parent, depth++
  )
    for (const f of s.callFrames ?? []) if (f.url) frames.push(f);
  const [top, ...rest] = frames;
  if (!top?.url) return null;
  const at = (f: CallFrame) => ({
    url: (f.url ?? '').slice(0, LIMITS.callSiteChars),
    line: (f.lineNumber ?? 0) + 1,
    column: (f.columnNumber ?? 0) + 1,
  });
  const callers = rest.slice(0, LIMITS.callerFrames).map(at);
  return { ...at(top), functionName: top.functionName ?? '', ...(callers.length ? { callers } : {}) };
}

/** A header DevTools makes: its name and value are text, the value within its budget. */
const plain = (x: HeaderPair): boolean =>
  typeof x.name === 'string' && typeof x.value === 'string' && x.value.length <= LIMITS.headerValueChars;

const text = (v: unknown): string => (typeof v === 'string' ? v : String(v));

/** At most `headersPerMessage` headers, values clipped; the list itself when it fits (every entry passes here, and
 * DevTools' own entries nearly always fit). Fields beside name and value cost only bytes on the way: the worker
 * reads name and value alone (background/headers.ts normaliseHeaders). */
export const capped = (h: HeaderPair[] | undefined): HeaderPair[] =>
  h === undefined
    ? []
    : h.length <= LIMITS.headersPerMessage && h.every(plain)
      ? h
      : h.slice(0, LIMITS.headersPerMessage).map(({ name, value }) => ({
          name: text(name),
          value: text(value).slice(0, LIMITS.headerValueChars),
        }));

export const header = (h: HeaderPair[], name: string): string | undefined =>
  h.find((x) => x.name.toLowerCase() === name)?.value;

export { urlOrigin } from '../shared/origin.ts';

/** A redirect's Location can be relative (measured: `/login`). */
export const resolveUrl = (url: string, base: string): string => {
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
};

export const hopOf = (e: HarEntryLike): Hop<HeaderPair[]> => ({
  url: e.request.url.slice(0, LIMITS.urlChars),
  method: e.request.method,
  requestHeaders: capped(e.request.headers),
  status: e.response.status,
  responseHeaders: capped(e.response.headers),
});

export const startOf = (e: HarEntryLike): number => Date.parse(e.startedDateTime);

/** The same request in two HAR snapshots (onRequestFinished and a later getHAR). */
export const sameRequest = (a: HarEntryLike, b: HarEntryLike): boolean =>
  a.startedDateTime === b.startedDateTime &&
  a.request.url === b.request.url &&
  a.request.method === b.request.method;
