// `cors-lens har <file.har>`: every CORS failure in a HAR 1.2 file (Chrome, Edge, Firefox or any exporter),
// diagnosed as live capture would (src/har), written as the report the panel exports, redacted by default. The file
// streams through in 1 MB chunks, so a 200 MB export needs memory for one entry at a time, not for the file.
import { createReadStream, statSync } from 'node:fs';
import { diagnose } from '../engine/index.ts';
import { createHarRecords, type HarTally } from '../har/har-records.ts';
import { createHarScanner, HarFormatError } from '../har/scan.ts';
import { judgeUnmarked } from '../har/judge.ts';
import { buildReport, toJson, toMarkdown, type CorsReport } from '../report/index.ts';
import type { HarArgs } from './har-args.ts';
import { chooseBackend } from './backend.ts';
import { UsageError } from './errors.ts';
import { writeOut } from './write-out.ts';
import { EXIT, type Io } from './io.ts';
import { toolVersion } from './paths.ts';
import { formatRecord } from './format.ts';

const MB = 1024 * 1024;

interface Read {
  tally: HarTally;
  records: ReturnType<ReturnType<typeof createHarRecords>['records']>;
  creator: string | null;
  pageUrl: string | null;
}

const label = (v: unknown): string | null => {
  const o = v as { name?: unknown; version?: unknown } | null;
  return typeof o?.name === 'string'
    ? `${o.name}${typeof o.version === 'string' ? ` ${o.version}` : ''}`.slice(0, 200)
    : null;
};

async function readHar(args: HarArgs, io: Io): Promise<Read> {
  let size: number;
  try {
    size = statSync(args.file).size;
  } catch (e) {
    throw new UsageError(
      `cannot read ${args.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  const scanner = createHarScanner();
  const har = createHarRecords();
  let creator: string | null = null;
  let browser: string | null = null;
  let pageUrl: string | null = null;
  let read = 0;
  let shown = 0;
  const showProgress = args.progress && size > 10 * MB;
  try {
    for await (const chunk of createReadStream(args.file, { encoding: 'utf8', highWaterMark: MB })) {
      const text = chunk as string;
      read += Buffer.byteLength(text);
      for (const ev of scanner.write(text)) {
        if (ev.type === 'entry') har.entry(ev.value);
        else if (ev.key === 'pages') {
          har.pages(ev.value);
          const first = Array.isArray(ev.value)
            ? (ev.value[0] as { title?: unknown } | undefined)
            : undefined;
          if (typeof first?.title === 'string') pageUrl = first.title;
        } else if (ev.key === 'creator') creator = label(ev.value);
        else if (ev.key === 'browser') browser = label(ev.value);
      }
      if (showProgress && read - shown >= size / 10) {
        shown = read;
        io.stderr(
          `cors-lens: ${Math.round((100 * read) / size)}% (${Math.round(read / MB)} of ${Math.round(size / MB)} MB, ${har.tally.entries} entries)\n`,
        );
      }
    }
    scanner.end();
  } catch (e) {
    if (e instanceof HarFormatError) throw new UsageError(`${args.file}: ${e.message}`);
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== undefined) throw new UsageError(`cannot read ${args.file}: ${code}`);
    throw e;
  }
  return { tally: har.tally, records: har.records(), creator: browser ?? creator, pageUrl };
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

export async function harCommand(args: HarArgs, io: Io): Promise<number> {
  const { tally, records, creator, pageUrl } = await readHar(args, io);
  const report: CorsReport = buildReport(judgeUnmarked(records, tally), {
    diagnose,
    fixFor: (record, diagnosis) => chooseBackend(record.observed, diagnosis, null),
    includeSensitive: args.includeSensitive,
    meta: {
      generatedAt: new Date().toISOString(),
      generator: { name: 'cors-lens', version: toolVersion() },
      source: 'cli',
      pageUrl,
      browser: creator,
    },
  });
  const notes = harNotes(tally);
  const summary = `${formatRecord(report, args.file)}\n${tally.entries} entries, ${tally.corsEntries} cross-origin requests and preflights.\n${notes.map((n) => `Note: ${n}\n`).join('')}`;
  const rendered = args.format === 'md' ? toMarkdown(report) : toJson(report);
  if (args.out !== null) {
    writeOut(args.out, rendered);
    io.stdout(`${summary}Report (schema ${report.schemaVersion}) written to ${args.out}\n`);
  } else if (args.format === 'text') io.stdout(summary);
  else {
    io.stdout(rendered);
    for (const n of notes) io.stderr(`cors-lens: note: ${n}\n`);
  }
  return report.failures.some((f) => f.verdict === 'blocked') ? EXIT.blocked : EXIT.ok;
}
