// One HAR file, read as a stream of text chunks, to the records live capture would have made of it: the scanner
// (one entry in memory at a time), the capture path (har-records.ts) and, for exporters that do not mark
// failures, the engine's judgement (judge.ts). The CLI feeds it a file stream, the panel a File's stream; both get
// the same records, the same notes and the same errors.
import type { ExchangeRecord } from '../shared/model.ts';
import { createHarRecords, type HarTally } from './har-records.ts';
import type { BrowserProfile } from '../engine/types.ts';
import { judgeUnmarked, type Undecided } from './judge.ts';
import { PROFILE_NAMES, profileOf } from './profile.ts';
import { createHarScanner, HarFormatError } from './scan.ts';

export interface HarRead {
  tally: HarTally;
  /** Finished records, oldest first, failures judged where the exporter did not mark them. */
  records: ExchangeRecord[];
  /** The exporting browser (or tool) and version, as the file says. */
  creator: string | null;
  /** The first page's URL (Chrome and Firefox put it in `log.pages[].title`). */
  pageUrl: string | null;
  /** The engine's browser profile the file is diagnosed with (profile.ts): the exporting browser's. */
  profile: BrowserProfile;
  /** Requests only credentials would block, which the file cannot say were sent (the first few). */
  undecided: Undecided[];
}

/** The HAR versions this reader knows (HAR 1.2's spec; 1.1 files have the same shape). */
const VERSIONS = new Set(['1.2', '1.1']);

const label = (v: unknown): string | null => {
  const o = v as { name?: unknown; version?: unknown } | null;
  return typeof o?.name === 'string'
    ? `${o.name}${typeof o.version === 'string' ? ` ${o.version}` : ''}`.slice(0, 200)
    : null;
};

/** Throws HarFormatError for a file that is not a HAR 1.2 file (not JSON, no log.entries, another version,
 * truncated); `onChunk` runs after each chunk, e.g. for progress. */
export async function readHarChunks(
  chunks: AsyncIterable<string>,
  onChunk: (text: string, tally: HarTally) => void = () => undefined,
): Promise<HarRead> {
  const scanner = createHarScanner();
  const har = createHarRecords();
  let creator: string | null = null;
  let browser: string | null = null;
  let pageUrl: string | null = null;
  for await (const text of chunks) {
    for (const ev of scanner.write(text)) {
      if (ev.type === 'entry') har.entry(ev.value);
      else if (ev.key === 'version') {
        if (typeof ev.value !== 'string' || !VERSIONS.has(ev.value))
          throw new HarFormatError(
            `HAR version ${JSON.stringify(ev.value).slice(0, 40)} is not supported (1.2 and 1.1 are)`,
          );
      } else if (ev.key === 'pages') {
        har.pages(ev.value);
        const first = Array.isArray(ev.value) ? (ev.value[0] as { title?: unknown } | undefined) : undefined;
        if (typeof first?.title === 'string') pageUrl = first.title.slice(0, 4096);
      } else if (ev.key === 'creator') creator = label(ev.value);
      else if (ev.key === 'browser') browser = label(ev.value);
    }
    onChunk(text, har.tally);
  }
  scanner.end();
  const tally = har.tally;
  // log.browser names the browser where the exporter is a tool; Firefox writes itself in log.creator.
  const exporter = browser ?? creator;
  const profile = profileOf(exporter);
  const judged = judgeUnmarked(har.records(), tally, profile);
  return { tally, ...judged, creator: exporter, pageUrl, profile };
}

/** Origin and path only: the query may carry tokens (the report redacts it). */
const shortUrl = (url: string): string => {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`.slice(0, 200);
  } catch {
    return url.slice(0, 200);
  }
};

/** What the file cannot tell, said rather than guessed. */
export function harNotes(read: Pick<HarRead, 'tally' | 'profile' | 'undecided'>): string[] {
  const t = read.tally;
  const notes: string[] = [];
  // Chrome's rules are the default (and a Chrome export's failures are marked by Chrome itself): said otherwise.
  if (read.profile !== 'chrome')
    notes.push(
      `Diagnosed with the engine's ${PROFILE_NAMES[read.profile]} profile: the file was exported by ${PROFILE_NAMES[read.profile]}.`,
    );
  if (t.judged > 0)
    notes.push(
      `${t.judged} request${t.judged === 1 ? '' : 's'} came from an exporter that does not mark failures (not Chrome/Edge): a request is reported when the browser got no response, or when the engine's check of the recorded headers blocks it.`,
    );
  if (t.withCredentials === 0 && t.corsEntries > 0)
    notes.push(
      `No request in the file carries a Cookie or Authorization header: none was sent, or the export was sanitized. Whether a failing request carried credentials is unknown${t.storageAccess > 0 ? ', except where Sec-Fetch-Storage-Access says so' : ''}.`,
    );
  if (t.storageAccess > 0)
    notes.push(
      `${t.storageAccess} request${t.storageAccess === 1 ? '' : 's'} carried Sec-Fetch-Storage-Access, which the browser sends only when the page asked for credentials: diagnosed as credentialed ('include').`,
    );
  if (t.undecided > 0)
    notes.push(
      `${t.undecided} request${t.undecided === 1 ? '' : 's'} cannot be known from this file: allowed without credentials, blocked if credentials were sent, and the file does not say whether they were (${read.undecided.map((u) => `${shortUrl(u.url)}: ${u.code}`).join('; ')}${t.undecided > read.undecided.length ? '; …' : ''}).`,
    );
  if (t.evicted > 0)
    notes.push(`${t.evicted} earlier failures were dropped to bound memory; the report has the latest.`);
  return notes;
}
