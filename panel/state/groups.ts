// Pure list logic: one group per endpoint + cause (with a count), and the filter. The store wraps these in
// computeds; keeping them pure makes the 10 000-row cost measurable and testable without signals.
import type { Diagnosis } from '../../src/engine/types.ts';
import type { ExchangeRecord } from '../../src/shared/model.ts';
import { isStaticAsset } from '../../src/shared/resource-kinds.ts';
import { matchesKind, type KindFilter } from './kinds.ts';

export interface Entry {
  record: ExchangeRecord;
  diagnosis: Diagnosis;
}

export interface Group {
  /** method + origin + path + cause code + kind: stable while rows stream in. */
  key: string;
  /** The most recent record of the group: the one the row and the details show. */
  latest: Entry;
  count: number;
  /** Lower-case text the filter matches against. */
  haystack: string;
}

/** Origin + path without query or fragment; falls back to the raw string for unparsable URLs. */
export function endpointOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}

// A static asset's kind is part of it: a font and a fetch() of the same URL are two failures with two fixes. The API
// kinds (fetch, XHR, EventSource, unknown) share one key: webRequest cannot tell them apart and DevTools' log can,
// so a record's kind may arrive after its row is shown, and the row (the user's selection) must not move then.
const kindKey = (e: Entry): string =>
  isStaticAsset(e.record.observed.kind) ? (e.record.observed.kind ?? '') : '';
export const groupKey = (e: Entry): string =>
  `${e.record.observed.method} ${endpointOf(e.record.observed.url)} ${e.diagnosis.code} ${kindKey(e)}`;

const haystackOf = (e: Entry): string =>
  `${e.record.observed.method} ${e.record.observed.url} ${e.diagnosis.code} ${e.diagnosis.headline} ${e.record.observed.kind ?? ''}`.toLowerCase();

// Records are immutable (a changed record arrives as a new object), so key and haystack are computed once per
// record: regrouping 10 000 records on every streamed batch then costs map lookups, not URL parsing.
const derived = new WeakMap<Entry['record'], { key: string; haystack: string }>();
function derive(e: Entry): { key: string; haystack: string } {
  let d = derived.get(e.record);
  if (!d) {
    d = { key: groupKey(e), haystack: haystackOf(e) };
    derived.set(e.record, d);
  }
  return d;
}

/** Groups in order of first appearance, so a streaming row never moves the rows above it. */
export function groupEntries(entries: readonly Entry[]): Group[] {
  const byKey = new Map<string, Group>();
  for (const e of entries) {
    const { key, haystack } = derive(e);
    const g = byKey.get(key);
    if (g) {
      g.latest = e;
      g.count += 1;
      g.haystack = haystack;
    } else byKey.set(key, { key, latest: e, count: 1, haystack });
  }
  return [...byKey.values()];
}

/** Failures are everything the engine did not call allowed; "all" adds the allowed cross-origin requests. */
export const isFailure = (d: Diagnosis): boolean => d.verdict !== 'allowed';

export function filterGroups(
  groups: readonly Group[],
  text: string,
  showAll: boolean,
  kind: KindFilter = 'all',
): Group[] {
  const needle = text.trim().toLowerCase();
  return groups.filter(
    (g) =>
      (showAll || isFailure(g.latest.diagnosis)) &&
      matchesKind(g, kind) &&
      (needle === '' || g.haystack.includes(needle)),
  );
}
