// The stored form of a record (docs/architecture.md#compact-storage): arrays instead of named fields, repeated
// strings as numbers of the tab's string table (string-table.ts), and nothing stored that loading recomputes: the
// tab id (from the key), pageSecure (from the page origin), the no-cors mode (from Sec-Fetch-Mode), the record id
// (from its first source's key), a hop's URL, method and request headers when they are the request's own. Lossless:
// decode(encode(r)) equals r in every field; a field it does not know, or a value unlike what it recomputes, is kept
// as it is in `rest`. It stores only what the record holds, so redaction at capture (headers.ts) holds here too.
import type { HeaderMap, Observed, ObservedHop, ResourceKind } from '../engine/types.ts';
import { addHeader, emptyHeaders, type HeaderRecord } from '../engine/headers.ts';
import type { CallSite, ExchangeRecord } from '../shared/model.ts';
import { headerValue } from './headers.ts';
import { isSecure } from './tab-store.ts';

/** Interns a string: its number, or itself (string-table.ts). */
export type Ref = (s: string) => number | string;
/** The string behind a number. */
export type Str = (id: number) => string | undefined;

const FORMAT = 1;
type Packed = unknown[];

const sameJson = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);
const noCors = (h: HeaderMap | undefined) =>
  headerValue(h ?? {}, 'sec-fetch-mode') === 'no-cors' ? 'no-cors' : undefined;

/** Headers as a flat [name, value, …] list; a repeated header is repeated pairs (addHeader rebuilds the array). */
function encodeHeaders(h: HeaderMap, ref: Ref): Packed | { raw: HeaderMap } {
  const out: Packed = [];
  for (const [name, v] of Object.entries(h)) {
    if (typeof v !== 'string' && v.length < 2) return { raw: h }; // not what addHeader makes: kept as it is
    for (const value of typeof v === 'string' ? [v] : v) out.push(ref(name), ref(value));
  }
  return out;
}

function encodeHop(h: ObservedHop, o: Observed, ref: Ref): Packed {
  const own = o.requestHeaders !== undefined && sameJson(h.requestHeaders, o.requestHeaders);
  return [
    h.url === o.url ? 0 : h.url,
    h.method === o.method ? 0 : ref(h.method),
    own ? 0 : encodeHeaders(h.requestHeaders, ref),
    h.status,
    encodeHeaders(h.responseHeaders, ref),
  ];
}

function encodeObserved(o: Observed, ref: Ref): Packed {
  const {
    pageOrigin,
    method,
    url,
    requestHeaders,
    preflight,
    hops,
    netError,
    kind,
    pageSecure,
    mode,
    ...rest
  } = o;
  const extra: Record<string, unknown> = rest;
  // null stands for "absent" where loading would otherwise recompute a value (JSON has no undefined).
  if (pageSecure !== isSecure(pageOrigin)) extra.pageSecure = pageSecure ?? null;
  if (mode !== noCors(requestHeaders)) extra.mode = mode ?? null;
  if (kind !== undefined && typeof kind !== 'string') extra.kind = kind;
  return [
    ref(pageOrigin),
    ref(method),
    url,
    requestHeaders === undefined ? null : encodeHeaders(requestHeaders, ref),
    preflight === undefined ? null : encodeHop(preflight, o, ref),
    hops.map((h) => encodeHop(h, o, ref)),
    netError === null ? null : ref(netError),
    typeof kind === 'string' ? ref(kind) : null,
    Object.keys(extra).length ? extra : 0,
  ];
}

const encodeCallSite = (c: CallSite, ref: Ref): Packed => [
  ref(c.url),
  c.line,
  c.column,
  ref(c.functionName),
  c.callers ? c.callers.flatMap((f) => [ref(f.url), f.line, f.column]) : 0,
];

/** The stored form of a record kept under tab `tabId`. */
export function encodeRecord(r: ExchangeRecord, tabId: number, ref: Ref): Packed {
  const {
    id,
    tabId: tab,
    frameId,
    startedAt,
    endedAt,
    done,
    observed,
    callSite,
    pageError,
    sources,
    ...rest
  } = r;
  const extra: Record<string, unknown> = rest;
  if (tab !== tabId) extra.tabId = tab;
  const took = endedAt === undefined ? null : endedAt - startedAt;
  const short = id === `w:${sources?.webRequest ?? ''}` ? 0 : id === `d:${sources?.devtools ?? ''}` ? 1 : id;
  return [
    FORMAT,
    short,
    frameId,
    startedAt,
    took !== null && Number.isInteger(took) && startedAt + took === endedAt ? took : [endedAt ?? null],
    done ? 1 : 0,
    encodeObserved(observed, ref),
    callSite ? encodeCallSite(callSite, ref) : 0,
    pageError ?? 0,
    sources ? [sources.webRequest ?? null, sources.devtools ?? null] : 0,
    Object.keys(extra).length ? extra : 0,
  ];
}

/** Reads a stored record back; throws on a form it does not know or a string number it cannot resolve. */
export function decodeRecord(v: unknown, tabId: number, str: Str): ExchangeRecord {
  const s = (x: unknown): string => {
    if (typeof x === 'string') return x;
    const found = typeof x === 'number' ? str(x) : undefined;
    if (found === undefined) throw new Error(`stored record: unknown string ${String(x)}`);
    return found;
  };
  const headers = (x: unknown): HeaderMap => {
    const out: HeaderRecord = emptyHeaders();
    if (Array.isArray(x)) for (let i = 0; i + 1 < x.length; i += 2) addHeader(out, s(x[i]), s(x[i + 1]));
    else for (const [k, val] of Object.entries((x as { raw: HeaderMap }).raw)) out[k] = val as string[];
    return out;
  };
  const a = v as Packed;
  if (!Array.isArray(v) || a[0] !== FORMAT) throw new Error('stored record: unknown form');
  const p = a[6] as Packed;
  const extraO = p[8] as Record<string, unknown> | 0;
  const o: Observed = { pageOrigin: s(p[0]), method: s(p[1]), url: s(p[2]), hops: [], netError: null };
  if (p[3] !== null) o.requestHeaders = headers(p[3]);
  const hop = (h: Packed): ObservedHop => ({
    url: h[0] === 0 ? o.url : s(h[0]),
    method: h[1] === 0 ? o.method : s(h[1]),
    requestHeaders: headers(h[2] === 0 ? p[3] : h[2]),
    status: h[3] as number,
    responseHeaders: headers(h[4]),
  });
  if (p[4] !== null) o.preflight = hop(p[4] as Packed);
  o.hops = (p[5] as Packed[]).map(hop);
  o.netError = p[6] === null ? null : s(p[6]);
  if (p[7] !== null) o.kind = s(p[7]) as ResourceKind;
  o.pageSecure = isSecure(o.pageOrigin);
  const mode = noCors(o.requestHeaders);
  if (mode) o.mode = mode;
  Object.assign(o, extraO || {});
  if ((o.mode as unknown) === null) delete o.mode;
  if ((o.pageSecure as unknown) === null) delete o.pageSecure;

  const c = a[7] as Packed | 0;
  const callers = c ? (c[4] as Packed | 0) : 0;
  const callSite: CallSite | null = c
    ? {
        url: s(c[0]),
        line: c[1] as number,
        column: c[2] as number,
        functionName: s(c[3]),
        ...(callers
          ? {
              callers: Array.from({ length: callers.length / 3 }, (_, i) => ({
                url: s(callers[i * 3]),
                line: callers[i * 3 + 1] as number,
                column: callers[i * 3 + 2] as number,
              })),
            }
          : {}),
      }
    : null;
  const src = a[9] as [string | null, string | null] | 0;
  const sources: ExchangeRecord['sources'] = src
    ? { ...(src[0] !== null ? { webRequest: src[0] } : {}), ...(src[1] !== null ? { devtools: src[1] } : {}) }
    : undefined;
  const startedAt = a[3] as number;
  const r: ExchangeRecord = {
    id: a[1] === 0 ? `w:${sources?.webRequest ?? ''}` : a[1] === 1 ? `d:${sources?.devtools ?? ''}` : s(a[1]),
    tabId,
    frameId: a[2] as number,
    startedAt,
    done: a[5] === 1,
    observed: o,
    callSite,
    pageError: (a[8] || null) as ExchangeRecord['pageError'],
  };
  const took = a[4];
  const endedAt = Array.isArray(took) ? (took[0] as number | null) : startedAt + (took as number);
  if (endedAt !== null) r.endedAt = endedAt;
  if (sources) r.sources = sources;
  return Object.assign(r, a[10] || {});
}
