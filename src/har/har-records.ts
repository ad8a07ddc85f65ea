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
import { createHold } from './hold.ts';

/** Redirect targets remembered (absolute URLs), so that the hop after one is read as part of its chain. */
const REDIRECTS_MAX = 256;

const absolute = (url: string, base: string): string | null => {
  try {
    return new URL(url, base).href;
  } catch {
    return null;
  }
};

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
  /** Judged requests whose credentials mode the file does tell: they carried Sec-Fetch-Storage-Access (judge.ts). */
  storageAccess: number;
}

export function createHarRecords() {
  const tab = createTabState(0);
  const pages = new Map<string, string>();
  let page: string | undefined;
  // Whether the entry being read came from an exporter that does not mark failures (Firefox): such a browser
  // preflights again at a redirect (the Firefox profile; Chrome's files keep Chrome's linking).
  let unmarked = false;
  const assembler = createHarAssembler(
    0,
    'har',
    () => page,
    () => unmarked,
  );
  // Ids of the failures seen; the ring (LIMITS.recordsPerTab) keeps the latest, the rest are counted as evicted.
  const failed = new Set<string>();
  const tally: HarTally = {
    entries: 0,
    corsEntries: 0,
    judged: 0,
    evicted: 0,
    withCredentials: 0,
    undecided: 0,
    storageAccess: 0,
  };
  // Redirect targets of CORS requests (absolute URLs), so that the hop after them is read as part of the chain.
  const redirects = new Set<string>();

  const add = (entry: HarEntryLike, pageOrigin: string | undefined, marked: boolean): void => {
    page = pageOrigin;
    unmarked = !marked;
    const x = assembler.add(entry);
    if (!x) return;
    for (const r of upsert(tab, fromDevtools(x), 'devtools').changed)
      if (r.observed.netError !== null) failed.add(r.id);
  };
  // Entries of a file that does not mark failures (Firefox's) wait there for what Firefox lists after them.
  const hold = createHold((entry, pageOrigin) => {
    add(entry, pageOrigin, false);
  });

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
      const to = entry.response.redirectURL && absolute(entry.response.redirectURL, entry.request.url);
      if (to) {
        redirects.add(to);
        if (redirects.size > REDIRECTS_MAX) redirects.delete(redirects.values().next().value as string);
      }
      // Chrome's entries come in an order the assembler takes as it is (hold.ts says what Firefox's need).
      if (read.failureKnown) {
        add(entry, pageOrigin, true);
        return;
      }
      hold.before(entry);
      if (hold.hold(entry, pageOrigin)) return;
      add(entry, pageOrigin, false);
      if (entry._resourceType === 'preflight') hold.preflight(entry);
    },
    /** The finished records, oldest first. */
    records(): ExchangeRecord[] {
      hold.flush();
      tally.evicted = [...failed].filter((id) => !tab.records.has(id)).length;
      return [...tab.records.values()].filter((r) => r.done);
    },
  };
}
