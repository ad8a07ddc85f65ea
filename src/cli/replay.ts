// `cors-lens replay <report.json>...`: every blocked request of an exported report (panel export or `record --json`)
// becomes a `check` against today's server, so a CORS failure seen once in a browser turns into a CI regression test.
import { readFileSync } from 'node:fs';
import { SCHEMA_VERSION, type CorsReport, type ReportFailure } from '../report/index.ts';
import { isForbiddenHeaderName, type ReplayArgs } from './args.ts';
import { runCheck, type CheckOutcome } from './check.ts';
import { ProbeError, UsageError } from './errors.ts';
import { checkJson } from './format.ts';
import { EXIT, type Io } from './io.ts';

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const isHttpUrl = (s: string): boolean => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol);
const major = (v: string): string => v.split('.')[0] ?? '';

/** Reads and checks an exported report; anything else is a one-line UsageError. */
export function loadReport(file: string): CorsReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not JSON (expected a CORS Lens report exported as JSON)`);
  }
  if (!isObject(doc) || typeof doc.schemaVersion !== 'string' || !Array.isArray(doc.failures)) {
    throw new UsageError(`${file} is not a CORS Lens report (no schemaVersion or failures)`);
  }
  if (major(doc.schemaVersion) !== major(SCHEMA_VERSION)) {
    throw new UsageError(
      `${file} has report schema ${doc.schemaVersion}; this cors-lens reads ${major(SCHEMA_VERSION)}.x`,
    );
  }
  for (const [i, f] of (doc.failures as unknown[]).entries()) {
    // Only what replay reads is checked: a newer 1.x report may add fields (the schema forbids unknown ones).
    const failure = isObject(f) ? f : {};
    const r = isObject(failure.request) ? failure.request : null;
    if (!r || typeof r.url !== 'string' || typeof r.method !== 'string' || typeof r.origin !== 'string') {
      throw new UsageError(`${file}: failures[${i}] has no request url, method and origin`);
    }
    if (!isHttpUrl(r.url) || !(r.origin === 'null' || isHttpUrl(r.origin))) {
      throw new UsageError(`${file}: failures[${i}] has a request url or origin that is not an http(s) URL`);
    }
    if (!isObject(r.headers) || !Array.isArray(failure.timeline)) {
      throw new UsageError(`${file}: failures[${i}] has no request headers or timeline`);
    }
  }
  return doc as unknown as CorsReport;
}

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

type Result = { file: string; failure: ReportFailure } & ({ outcome: CheckOutcome } | { error: string });

const label = (f: ReportFailure): string => `${f.request.method} ${f.request.url} from ${f.request.origin}`;

function line(r: Result): string {
  if ('error' in r) return `ERROR ${label(r.failure)}\n      ${r.error}\n`;
  const { outcome: o, failure: f } = r;
  if (!o.sim.blocked) {
    const status = o.exchange.hops.at(-1)?.status ?? 0;
    const still = status >= 400 ? ` (CORS passes; the server still answers ${status})` : '';
    return `PASS  ${label(f)}\n      was ${f.code}, now allowed${still}\n`;
  }
  const fix = o.backend.fix ? `\n      fix (${o.backend.chosen}): ${o.backend.fix.title}` : '';
  const was = o.diagnosis.code === f.code ? '' : ` (was ${f.code})`;
  return `FAIL  ${label(f)}\n      ${o.diagnosis.code}${was}: ${o.diagnosis.headline}${fix}\n`;
}

export async function replayCommand(args: ReplayArgs, io: Io): Promise<number> {
  // Every report is read and checked before the first request, so a bad file fails fast.
  const failures = args.files.flatMap((file) =>
    loadReport(file)
      .failures.filter((f) => f.verdict === 'blocked')
      .map((failure) => ({ file, failure })),
  );
  const results: Result[] = [];
  for (const { file, failure } of failures) {
    const input = {
      url: failure.request.url,
      origin: failure.request.origin,
      method: failure.request.method,
      headers: authorHeaders(failure),
      credentials: failure.request.credentials === 'include',
      backend: failure.backend?.chosen ?? null,
      timeoutMs: args.timeoutMs,
    };
    try {
      results.push({ file, failure, outcome: await runCheck(input) });
    } catch (e) {
      if (!(e instanceof ProbeError)) throw e;
      results.push({ file, failure, error: e.message });
    }
  }
  const errors = results.filter((r) => 'error' in r).length;
  const failing = results.filter((r) => 'outcome' in r && r.outcome.sim.blocked).length;
  if (args.json) {
    const entries = results.map((r) =>
      'error' in r
        ? { report: r.file, id: r.failure.id, error: r.error }
        : { report: r.file, id: r.failure.id, was: r.failure.code, ...checkJson(r.outcome) },
    );
    io.stdout(
      `${JSON.stringify({ replayed: results.length, failing, errors, results: entries }, null, 2)}\n`,
    );
  } else {
    io.stdout(results.map(line).join(''));
    io.stdout(
      `\n${results.length} replayed: ${results.length - failing - errors} pass, ${failing} fail${errors ? `, ${errors} error` : ''}\n`,
    );
  }
  return errors ? EXIT.error : failing ? EXIT.blocked : EXIT.ok;
}
