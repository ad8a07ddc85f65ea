// `cors-lens har <file.har>`: every CORS failure in a HAR 1.2 file (Chrome, Edge, Firefox or any exporter),
// diagnosed as live capture would (src/har), written as the report the panel exports, redacted by default. The file
// streams through in 1 MB chunks, so a 200 MB export needs memory for one entry at a time, not for the file.
import { createReadStream, statSync } from 'node:fs';
import { diagnose } from '../engine/index.ts';
import { harNotes, readHarChunks, type HarRead } from '../har/read.ts';
import { HarFormatError } from '../har/scan.ts';
import { buildReport, toJson, toMarkdown, type CorsReport } from '../report/index.ts';
import type { HarArgs } from './har-args.ts';
import { chooseBackend } from './backend.ts';
import { UsageError } from './errors.ts';
import { writeOut } from './write-out.ts';
import { EXIT, type Io } from './io.ts';
import { toolVersion } from './paths.ts';
import { formatRecord } from './format.ts';

const MB = 1024 * 1024;

async function readHar(args: HarArgs, io: Io): Promise<HarRead> {
  let size: number;
  try {
    size = statSync(args.file).size;
  } catch (e) {
    throw new UsageError(
      `cannot read ${args.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  let read = 0;
  let shown = 0;
  const showProgress = args.progress && size > 10 * MB;
  try {
    const chunks = createReadStream(args.file, {
      encoding: 'utf8',
      highWaterMark: MB,
    }) as AsyncIterable<string>;
    return await readHarChunks(chunks, (text, tally) => {
      read += Buffer.byteLength(text);
      if (showProgress && read - shown >= size / 10) {
        shown = read;
        io.stderr(
          `cors-lens: ${Math.round((100 * read) / size)}% (${Math.round(read / MB)} of ${Math.round(size / MB)} MB, ${tally.entries} entries)\n`,
        );
      }
    });
  } catch (e) {
    if (e instanceof HarFormatError) throw new UsageError(`${args.file}: ${e.message}`);
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== undefined) throw new UsageError(`cannot read ${args.file}: ${code}`);
    throw e;
  }
}

export async function harCommand(args: HarArgs, io: Io): Promise<number> {
  const read = await readHar(args, io);
  const { tally, records, creator, pageUrl, profile } = read;
  const report: CorsReport = buildReport(records, {
    diagnose: (o) => diagnose(o, { browser: profile }),
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
  const notes = harNotes(read);
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
