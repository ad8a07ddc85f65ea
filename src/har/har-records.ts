// A HAR file's entries → exchange records, through the same path live DevTools capture takes: the devtools page's
// assembler (devtools/har-exchanges.ts: redirect hops joined, preflights linked, the Origin of a request without
// one) and the worker's merge point (tab-store.ts `upsert`: one record per exchange, the bounded rings). A thin
// adapter: what differs from live capture is only where entries come from.
import { fromDevtools } from '../background/headers.ts';
import { createTabState, upsert } from '../background/tab-store.ts';
import { createHarAssembler } from '../devtools/har-exchanges.ts';
import { urlOrigin } from '../devtools/har-entry.ts';
import type { ExchangeRecord } from '../shared/model.ts';
import type { HarEntryLike } from '../devtools/har-entry.ts';
import { readHarEntry } from './entry.ts';

/** Requests without a response held back for their preflight (Firefox lists it after them; see `entry`). */
const HELD_MAX = 32;

const absolute = (url: string, base: string): string | null => {
  try {
    return new URL(url, base).href;
  } catch {
    return null;
  }
};

const endOf = (e: HarEntryLike): number => Date.parse(e.startedDateTime) + Math.max(0, e.time ?? 0);

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
  /** Judged requests allowed without credentials and blocked with them: the file cannot decide (judge.ts). */
  undecided: number;
}

export function createHarRecords() {
  const tab = createTabState(0);
  const pages = new Map<string, string>();
  let page: string | undefined;
  const assembler = createHarAssembler(0, 'har', () => page);
  // Ids of the failures seen; the ring (LIMITS.recordsPerTab) keeps the latest, the rest are counted as evicted.
  const failed = new Set<string>();
  const tally: HarTally = {
    entries: 0,
    corsEntries: 0,
    judged: 0,
    evicted: 0,
    withCredentials: 0,
    undecided: 0,
  };
  // Redirect targets of CORS requests (absolute URLs), so that the hop after them is read as part of the chain.
  const redirects = new Set<string>();
  const held: { entry: HarEntryLike; page: string | undefined }[] = [];

  const add = (entry: HarEntryLike, pageOrigin: string | undefined): void => {
    page = pageOrigin;
    const to = entry.response.redirectURL;
    if (to) {
      const abs = absolute(to, entry.request.url);
      if (abs) {
        redirects.add(abs);
        if (redirects.size > HELD_MAX * 8) redirects.delete(redirects.values().next().value as string);
      }
    }
    const x = assembler.add(entry);
    if (!x) return;
    for (const r of upsert(tab, fromDevtools(x), 'devtools').changed)
      if (r.observed.netError !== null) failed.add(r.id);
  };

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
      const read = readHarEntry(v, (url) => redirects.has(url));
      if (!read) return;
      tally.corsEntries++;
      if (!read.failureKnown) tally.judged++;
      const { entry } = read;
      if (entry.request.headers?.some((h) => /^(cookie|authorization)$/i.test(h.name)))
        tally.withCredentials++;
      const pageOrigin = read.pageref === undefined ? undefined : pages.get(read.pageref);
      // Firefox lists a request its preflight stopped before that preflight, timed as if it ended when it began
      // (measured, docs/har.md): it is held until its preflight went in, and ends when the preflight did, which is
      // when the browser failed it. Chrome's entries say when they ended and need none of this.
      if (!read.failureKnown && entry._resourceType === 'fetch' && entry.response.status === 0) {
        held.push({ entry, page: pageOrigin });
        const oldest = held.length > HELD_MAX ? held.shift() : undefined;
        if (oldest) add(oldest.entry, oldest.page);
        return;
      }
      add(entry, pageOrigin);
      if (entry._resourceType !== 'preflight') return;
      const forMethod = entry.request.headers?.find((h) =>
        /^access-control-request-method$/i.test(h.name),
      )?.value;
      const i = held.findIndex(
        (h) => h.entry.request.url === entry.request.url && h.entry.request.method === forMethod,
      );
      const [match] = i < 0 ? [] : held.splice(i, 1);
      if (match) {
        const time = Math.max(match.entry.time ?? 0, endOf(entry) - Date.parse(match.entry.startedDateTime));
        add({ ...match.entry, time }, match.page);
      }
    },
    /** The finished records, oldest first. */
    records(): ExchangeRecord[] {
      for (const h of held.splice(0)) add(h.entry, h.page);
      tally.evicted = [...failed].filter((id) => !tab.records.has(id)).length;
      return [...tab.records.values()].filter((r) => r.done);
    },
  };
}
