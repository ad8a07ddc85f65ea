// A HAR file's entries → exchange records, through the same path live DevTools capture takes: the devtools page's
// assembler (devtools/har-exchanges.ts: redirect hops joined, preflights linked, the Origin of a request without
// one) and the worker's merge point (tab-store.ts `upsert`: one record per exchange, the bounded rings). A thin
// adapter: what differs from live capture is only where entries come from.
import { fromDevtools } from '../background/headers.ts';
import { createTabState, upsert } from '../background/tab-store.ts';
import { createHarAssembler } from '../devtools/har-exchanges.ts';
import { urlOrigin } from '../devtools/har-entry.ts';
import type { ExchangeRecord } from '../shared/model.ts';
import { readHarEntry } from './entry.ts';

export interface HarTally {
  entries: number;
  /** Entries that are CORS requests or preflights (fetch/XHR with an Origin, or Chrome's own type). */
  corsEntries: number;
  /** Entries whose exporter did not say whether they failed (not Chrome/Edge): the engine judged them. */
  judged: number;
  /** Failures that left the bounded ring (LIMITS.recordsPerTab): counted, not reported. */
  evicted: number;
  /** Requests with a Cookie or Authorization header: none in a file with credentialed calls means it was sanitized. */
  withCredentials: number;
}

export function createHarRecords() {
  const tab = createTabState(0);
  const pages = new Map<string, string>();
  let page: string | undefined;
  const assembler = createHarAssembler(0, 'har', () => page);
  // Ids of the failures seen; the ring (LIMITS.recordsPerTab) keeps the latest, the rest are counted as evicted.
  const failed = new Set<string>();
  const tally: HarTally = { entries: 0, corsEntries: 0, judged: 0, evicted: 0, withCredentials: 0 };

  return {
    tally,
    /** `log.pages`: Chrome and Firefox put the page URL in `title`; an entry's `pageref` names its page. */
    pages(v: unknown): void {
      if (!Array.isArray(v)) return;
      for (const p of v as { id?: unknown; title?: unknown }[])
        if (typeof p.id === 'string' && typeof p.title === 'string') {
          const o = urlOrigin(p.title);
          if (o) pages.set(p.id, o);
        }
    },
    entry(v: unknown): void {
      tally.entries++;
      const read = readHarEntry(v);
      if (!read) return;
      tally.corsEntries++;
      if (!read.failureKnown) tally.judged++;
      if (read.entry.request.headers?.some((h) => /^(cookie|authorization)$/i.test(h.name)))
        tally.withCredentials++;
      page = read.pageref === undefined ? undefined : pages.get(read.pageref);
      const x = assembler.add(read.entry);
      if (!x) return;
      for (const r of upsert(tab, fromDevtools(x), 'devtools').changed)
        if (r.observed.netError !== null) failed.add(r.id);
    },
    /** The finished records, oldest first. */
    records(): ExchangeRecord[] {
      tally.evicted = [...failed].filter((id) => !tab.records.has(id)).length;
      return [...tab.records.values()].filter((r) => r.done);
    },
  };
}
