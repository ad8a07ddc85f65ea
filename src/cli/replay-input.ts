// Reading a report for `cors-lens replay`. A file that is not a report of this schema stops the run before any
// request (UsageError); one bad entry in a good report is that entry's error, and the other entries still replay.
import { readFileSync } from 'node:fs';
import { isToken } from '../engine/headers.ts';
import { SCHEMA_VERSION, type ReportFailure } from '../report/index.ts';
import { UsageError } from './errors.ts';

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const isHttpUrl = (s: string): boolean => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol);
const major = (v: string): string => v.split('.')[0] ?? '';
// What Node's HTTP client refuses in a header value (it would throw instead of sending).
const BAD_VALUE = /[\0\r\n]/;

/** One entry of a report: the failure to replay, or why it cannot be replayed. */
export type ReplayEntry =
  { file: string; index: number; failure: ReportFailure } | { file: string; index: number; problem: string };

/** Why this entry cannot be replayed, or null. Only what replay reads is checked: a newer 1.x may add fields. */
function entryProblem(f: Record<string, unknown>): string | null {
  const r = isObject(f.request) ? f.request : null;
  if (!r || typeof r.url !== 'string' || typeof r.method !== 'string' || typeof r.origin !== 'string')
    return 'has no request url, method and origin';
  if (!isHttpUrl(r.url) || !(r.origin === 'null' || isHttpUrl(r.origin)))
    return 'has a request url or origin that is not an http(s) URL';
  if (!isToken(r.method)) return `has a method that is not an HTTP token: ${JSON.stringify(r.method)}`;
  if (!isObject(r.headers) || !Array.isArray(f.timeline)) return 'has no request headers or timeline';
  for (const [name, v] of Object.entries(r.headers)) {
    const values: unknown[] = Array.isArray(v) ? v : [v];
    if (!isToken(name) || values.some((x) => typeof x !== 'string' || BAD_VALUE.test(x)))
      return `has a request header that cannot be sent: ${JSON.stringify(name)}`;
  }
  return null;
}

/** The blocked failures of an exported report, each checked; a file that is not a report is a UsageError. */
export function loadReport(file: string): ReplayEntry[] {
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
  return (doc.failures as unknown[]).flatMap((f, index): ReplayEntry[] => {
    if (!isObject(f)) return [{ file, index, problem: 'is not an object' }];
    // A failure the browser allowed (a warning) has nothing to replay.
    if (typeof f.verdict === 'string' && f.verdict !== 'blocked') return [];
    const problem = entryProblem(f);
    return problem ? [{ file, index, problem }] : [{ file, index, failure: f as unknown as ReportFailure }];
  });
}
