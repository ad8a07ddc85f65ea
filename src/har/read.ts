// One HAR file, read as a stream of text chunks, to the records live capture would have made of it: the scanner
// (one entry in memory at a time), the capture path (har-records.ts) and, for exporters that do not mark
// failures, the engine's judgement (judge.ts). The CLI feeds it a file stream, the panel a File's stream; both get
// the same records, the same notes and the same errors.
import type { ExchangeRecord } from '../shared/model.ts';
import { createHarRecords, type HarTally } from './har-records.ts';
import { judgeUnmarked } from './judge.ts';
import { createHarScanner, HarFormatError } from './scan.ts';

export interface HarRead {
  tally: HarTally;
  /** Finished records, oldest first, failures judged where the exporter did not mark them. */
  records: ExchangeRecord[];
  /** The exporting browser (or tool) and version, as the file says. */
  creator: string | null;
  /** The first page's URL (Chrome and Firefox put it in `log.pages[].title`). */
  pageUrl: string | null;
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
  return { tally, records: judgeUnmarked(har.records(), tally), creator: browser ?? creator, pageUrl };
}

/** What the file cannot tell, said rather than guessed. */
export function harNotes(t: HarTally): string[] {
  const notes: string[] = [];
  if (t.judged > 0)
    notes.push(
      `${t.judged} request${t.judged === 1 ? '' : 's'} came from an exporter that does not mark failures (not Chrome/Edge): a request is reported when the browser got no response, or when the engine's check of the recorded headers blocks it.`,
    );
  if (t.withCredentials === 0 && t.corsEntries > 0)
    notes.push(
      'No request in the file carries a Cookie or Authorization header: none was sent, or the export was sanitized. Whether a failing request carried credentials is unknown.',
    );
  if (t.evicted > 0)
    notes.push(`${t.evicted} earlier failures were dropped to bound memory; the report has the latest.`);
  return notes;
}
