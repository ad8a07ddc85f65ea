// Exporters other than Chrome/Edge do not say which requests the browser blocked. For their records with a response
// the engine judges from the recorded headers, with the profile of the browser that wrote the file (profile.ts): a
// record becomes a failure only when the engine's own check blocks it with a CORS cause; what it cannot decide stays
// as recorded (harNotes says so in the output). The credentials mode is not in a HAR either: unless the request
// carried a Cookie or Sec-Fetch-Storage-Access (below), it is judged without credentials (the fewest checks), so an
// allowed request is never reported as blocked. One that would fail only with credentials (a wildcard, a missing
// Allow-Credentials) is not reported but listed as undecided: the file cannot say whether credentials were sent
// (docs/har.md).
import { factsOf } from '../engine/browsers.ts';
import { credentialsEvidence, diagnose } from '../engine/index.ts';
import type { BrowserProfile, CauseCode, HeaderMap } from '../engine/types.ts';
import type { ExchangeRecord } from '../shared/model.ts';
import type { HarTally } from './har-records.ts';

/** A request the file cannot decide: allowed without credentials, blocked with them (`code`). */
export interface Undecided {
  url: string;
  code: CauseCode;
}

/** Undecided requests kept to name in the output; the rest are counted. */
const UNDECIDED_MAX = 20;

export function judgeUnmarked(
  records: ExchangeRecord[],
  tally: HarTally,
  browser: BrowserProfile,
): { records: ExchangeRecord[]; undecided: Undecided[] } {
  const undecided: Undecided[] = [];
  if (tally.judged === 0) return { records, undecided };
  const own = browserOwn(records);
  const judged = records.map((r1) => {
    const r0 = withStorageAccess(r1, tally);
    if (r0.observed.netError !== null || r0.observed.hops.length === 0) return r0;
    const r = { ...r0, observed: withoutOwn(r0.observed, own) };
    const observed = { ...r.observed, netError: 'net::ERR_FAILED' };
    const blocks = (o: typeof observed): CauseCode | null => {
      const d = diagnose(o, { browser });
      // A browser that preflights again at a redirect (Firefox) decided on the preflight of the request the chain
      // ended with; the assembler links it when the file lists it. Without it, a preflight verdict is not the file's.
      const last = o.hops[o.hops.length - 1];
      if (
        d.stage === 'preflight' &&
        factsOf(browser).preflightStaysOnRedirect &&
        o.hops.length > 1 &&
        o.preflight?.url !== last?.url
      )
        return null;
      return d.verdict === 'blocked' && d.corsError !== null ? d.code : null;
    };
    const cookie = Object.keys(r.observed.requestHeaders ?? {}).some((h) => h.toLowerCase() === 'cookie');
    if (cookie || observed.credentials !== undefined) return blocks(observed) ? { ...r, observed } : r;
    if (blocks({ ...observed, credentials: 'omit' })) return { ...r, observed };
    const withCredentials = blocks({ ...observed, credentials: 'include' });
    if (withCredentials) {
      tally.undecided++;
      if (undecided.length < UNDECIDED_MAX) undecided.push({ url: r.observed.url, code: withCredentials });
    }
    return r;
  });
  return { records: judged, undecided };
}

/** `Sec-Fetch-Storage-Access` is sent only with a request whose credentials mode is "include" (the Storage Access
 * Headers spec; Firefox also sends it on that request's preflight, measured: docs/har.md). Where a request or its
 * preflight carries it, the file does say the credentials mode (the engine's credentialsEvidence, the same rule as
 * live capture in Firefox). Its absence says nothing (older browsers, same-site or non-secure requests never carry
 * it). */
function withStorageAccess(r: ExchangeRecord, tally: HarTally): ExchangeRecord {
  const o = r.observed;
  if (o.credentials !== undefined && o.credentials !== 'unknown') return r;
  if (credentialsEvidence(o) !== 'storage-access') return r;
  tally.storageAccess++;
  return { ...r, observed: { ...o, credentials: 'include' } };
}

/** Headers Firefox adds to every request itself and lists in its HAR; a page may set another value (and is then
 * preflighted). The browser's own value is the one most requests in the file carry (measured, docs/har.md). */
const OWN = ['user-agent', 'priority'] as const;

const valueOf = (h: HeaderMap | undefined, name: string): string | undefined => {
  const v = Object.entries(h ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];
  return typeof v === 'string' ? v : undefined;
};

function browserOwn(records: ExchangeRecord[]): Map<string, string> {
  const own = new Map<string, string>();
  for (const name of OWN) {
    const counts = new Map<string, number>();
    for (const r of records) {
      const v = valueOf(r.observed.requestHeaders, name);
      if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const top = [...counts].sort((a, b) => b[1] - a[1])[0];
    if (top) own.set(name, top[0]);
  }
  return own;
}

/** The request as the page made it: without the browser's own headers (on the request and its hops). */
function withoutOwn(o: ExchangeRecord['observed'], own: Map<string, string>): ExchangeRecord['observed'] {
  const strip = (h: HeaderMap): HeaderMap =>
    Object.fromEntries(Object.entries(h).filter(([k, v]) => own.get(k.toLowerCase()) !== v));
  return {
    ...o,
    requestHeaders: strip(o.requestHeaders ?? {}),
    hops: o.hops.map((h) => ({ ...h, requestHeaders: strip(h.requestHeaders) })),
  };
}
