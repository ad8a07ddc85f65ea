// `cors-lens replay <report.json>...`: every blocked request of an exported report (panel export or `record --json`)
// becomes a `check` against today's server, so a CORS failure seen once in a browser turns into a CI regression test.
import type { ReportFailure } from '../report/index.ts';
import { isForbiddenHeaderName, type ReplayArgs } from './args.ts';
import { runCheck, type CheckOutcome } from './check.ts';
import { ProbeError } from './errors.ts';
import { checkJson } from './format.ts';
import { EXIT, type Io } from './io.ts';
import { loadReport, type ReplayEntry } from './replay-input.ts';

// The value a replay sends for a header the preflight named but the record lacks (see authorHeaders).
const placeholder = (name: string): string =>
  name === 'content-type' ? 'application/json' : 'cors-lens-replay';

/**
 * The page's own headers of a recorded request; the browser's own ones (Cookie, Sec-*, User-Agent) are not replayed.
 * When the preflight failed the actual request was never sent, so its headers were never seen: the preflight's
 * Access-Control-Request-Headers names them, and any value of those names needs the same preflight.
 */
function authorHeaders(f: ReportFailure): [string, string][] {
  const headers = Object.entries(f.request.headers).flatMap(([name, v]) =>
    isForbiddenHeaderName(name)
      ? []
      : (typeof v === 'string' ? [v] : v).map((x): [string, string] => [name, x]),
  );
  const asked = f.timeline.find((h) => h.kind === 'preflight')?.requestHeaders[
    'access-control-request-headers'
  ];
  const names = (typeof asked === 'string' ? asked : (asked ?? []).join(','))
    .split(',')
    .map((n) => n.trim().toLowerCase());
  for (const name of names) {
    if (name && !headers.some(([n]) => n.toLowerCase() === name)) headers.push([name, placeholder(name)]);
  }
  return headers;
}

type Result =
  | ({ file: string; failure: ReportFailure } & ({ outcome: CheckOutcome } | { error: string }))
  | { file: string; index: number; problem: string };

const label = (f: ReportFailure): string => `${f.request.method} ${f.request.url} from ${f.request.origin}`;
// A report's own text goes to the terminal: its control characters (escape sequences) are shown, never run.
const printable = (s: string): string =>
  s.replace(/\p{Cc}/gu, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

function line(r: Result): string {
  if ('problem' in r) return `ERROR ${r.file} failures[${r.index}]\n      ${printable(r.problem)}\n`;
  if ('error' in r) return `ERROR ${printable(label(r.failure))}\n      ${r.error}\n`;
  const { outcome: o, failure: f } = r;
  if (!o.sim.blocked) {
    const status = o.exchange.hops.at(-1)?.status ?? 0;
    const still = status >= 400 ? ` (CORS passes; the server still answers ${status})` : '';
    return `PASS  ${printable(label(f))}\n      was ${f.code}, now allowed${still}\n`;
  }
  const fix = o.backend.fix ? `\n      fix (${o.backend.chosen}): ${o.backend.fix.title}` : '';
  const was = o.diagnosis.code === f.code ? '' : ` (was ${f.code})`;
  return `FAIL  ${printable(label(f))}\n      ${o.diagnosis.code}${was}: ${o.diagnosis.headline}${fix}\n`;
}

async function replayOne(entry: ReplayEntry, timeoutMs: number): Promise<Result> {
  if ('problem' in entry) return entry;
  const { file, failure } = entry;
  const input = {
    url: failure.request.url,
    origin: failure.request.origin,
    method: failure.request.method,
    headers: authorHeaders(failure),
    credentials: failure.request.credentials === 'include',
    backend: failure.backend?.chosen ?? null,
    timeoutMs,
  };
  try {
    return { file, failure, outcome: await runCheck(input) };
  } catch (e) {
    // One entry that cannot be checked (unreachable, or a value the report should never have held) is that
    // entry's error; the others still replay.
    const why = e instanceof ProbeError ? e.message : `cannot replay this entry: ${(e as Error).message}`;
    return { file, failure, error: why };
  }
}

export async function replayCommand(args: ReplayArgs, io: Io): Promise<number> {
  // Every report is read before the first request, so a file that is not a report fails fast.
  const entries = args.files.flatMap(loadReport);
  for (const e of entries)
    if ('problem' in e) io.stderr(`cors-lens: ${e.file}: failures[${e.index}] ${printable(e.problem)}\n`);
  const results: Result[] = [];
  for (const entry of entries) results.push(await replayOne(entry, args.timeoutMs));
  const errors = results.filter((r) => 'error' in r || 'problem' in r).length;
  const failing = results.filter((r) => 'outcome' in r && r.outcome.sim.blocked).length;
  if (args.json) {
    const json = results.map((r) =>
      'problem' in r
        ? { report: r.file, index: r.index, error: r.problem }
        : 'error' in r
          ? { report: r.file, id: r.failure.id, error: r.error }
          : { report: r.file, id: r.failure.id, was: r.failure.code, ...checkJson(r.outcome) },
    );
    io.stdout(`${JSON.stringify({ replayed: results.length, failing, errors, results: json }, null, 2)}\n`);
  } else {
    io.stdout(results.map(line).join(''));
    io.stdout(
      `\n${results.length} replayed: ${results.length - failing - errors} pass, ${failing} fail${errors ? `, ${errors} error` : ''}\n`,
    );
  }
  return errors ? EXIT.error : failing ? EXIT.blocked : EXIT.ok;
}
