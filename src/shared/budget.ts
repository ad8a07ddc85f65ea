// Byte budgets at the edge: one pure function that bounds a captured record before it is stored or sent, so a page
// or server that sends huge names, values, methods, URLs or call sites cannot grow the worker's memory or the
// session storage. Every cut is visible: the value ends with TRUNCATED. Budgets: LIMITS (src/shared/limits.ts),
// docs/output-safety.md#byte-budgets.
import type { HeaderMap, Observed, ObservedHop } from '../engine/types.ts';
import { addHeader, emptyHeaders } from '../engine/headers.ts';
import { LIMITS } from './limits.ts';
import type { CallSite, ExchangeRecord } from './model.ts';

export const TRUNCATED = '…[truncated]';

/** `s` itself when it fits, else its first `max` characters and the mark. */
export const clip = (s: string, max: number): string =>
  s.length <= max ? s : `${s.slice(0, max)}${TRUNCATED}`;

interface Cut {
  name: number;
  value: number;
}

/** Whether a header set is already within `cut` and in the form addHeader makes: held the safe way (no prototype: a
 * `__proto__` name is data), and a repeated header an array of two or more values. */
function fits(h: HeaderMap, cut: Cut): boolean {
  if (Object.getPrototypeOf(h) !== null) return false;
  let n = 0;
  for (const name in h) {
    const v = h[name] as string | readonly string[];
    if (name.length > cut.name || (typeof v !== 'string' && v.length < 2)) return false;
    for (const value of typeof v === 'string' ? [v] : v)
      if (++n > LIMITS.headersPerMessage || value.length > cut.value) return false;
  }
  return true;
}

function budgetHeaders(h: HeaderMap | undefined, cut: Cut): HeaderMap {
  // The common case costs a scan, not a copy (every captured record passes here: bench/overhead/profile.ts). Sharing
  // the map is safe: nothing changes a header map once it is built (addHeader only fills a new one).
  if (h !== undefined && fits(h, cut)) return h;
  const out = emptyHeaders();
  let kept = 0;
  for (const [name, v] of Object.entries(h ?? {}))
    for (const value of typeof v === 'string' ? [v] : v) {
      if (kept++ >= LIMITS.headersPerMessage) return out;
      addHeader(out, clip(name, cut.name), clip(value, cut.value));
    }
  return out;
}

function budgetHop(h: ObservedHop, cut: Cut): ObservedHop {
  return {
    ...h,
    url: clip(h.url, LIMITS.urlChars),
    method: clip(h.method, LIMITS.methodChars),
    requestHeaders: budgetHeaders(h.requestHeaders, cut),
    responseHeaders: budgetHeaders(h.responseHeaders, cut),
  };
}

function budgetObserved(o: Observed, cut: Cut): Observed {
  const out: Observed = {
    ...o,
    pageOrigin: clip(o.pageOrigin, LIMITS.urlChars),
    url: clip(o.url, LIMITS.urlChars),
    method: clip(o.method, LIMITS.methodChars),
    hops: o.hops.slice(0, LIMITS.hopsPerRecord).map((h) => budgetHop(h, cut)),
  };
  if (o.requestHeaders !== undefined) out.requestHeaders = budgetHeaders(o.requestHeaders, cut);
  if (o.preflight !== undefined) out.preflight = budgetHop(o.preflight, cut);
  return out;
}

const FIELD_CUT: Cut = { name: LIMITS.headerNameChars, value: LIMITS.headerValueChars };
const OVER_BUDGET_CUT: Cut = { name: LIMITS.overBudgetNameChars, value: LIMITS.overBudgetValueChars };

const budgetCallSite = (c: CallSite | null): CallSite | null =>
  c === null
    ? null
    : {
        ...c,
        url: clip(c.url, LIMITS.callSiteChars),
        functionName: clip(c.functionName, LIMITS.callSiteChars),
        ...(c.callers
          ? {
              callers: c.callers
                .slice(0, LIMITS.callerFrames)
                .map((f) => ({ ...f, url: clip(f.url, LIMITS.callSiteChars) })),
            }
          : {}),
      };

/**
 * The record within its budget: every name, value, method, URL and call site clipped with a visible mark, and,
 * when its JSON is still over `recordBytes`, every header name and value cut harder (at most 3 header sets of `headersPerMessage` fit then). Call it once where a captured record
 * enters the worker's state.
 */
export function budgetRecord(r: ExchangeRecord): ExchangeRecord {
  return fitRecord(r).record;
}

/** budgetRecord, with the JSON of the result: measuring the record serialises it anyway, and the tab store compares
 * it to tell whether an exchange changed anything (background/tab-store.ts). */
export function fitRecord(r: ExchangeRecord): { record: ExchangeRecord; json: string } {
  const fitted = {
    ...r,
    observed: budgetObserved(r.observed, FIELD_CUT),
    callSite: budgetCallSite(r.callSite),
  };
  const json = JSON.stringify(fitted);
  if (json.length <= LIMITS.recordBytes) return { record: fitted, json };
  const cut = { ...fitted, observed: budgetObserved(r.observed, OVER_BUDGET_CUT) };
  return { record: cut, json: JSON.stringify(cut) };
}
