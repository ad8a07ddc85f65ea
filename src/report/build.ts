// buildReport: records + the engine (+ fixes) → one CorsReport. Pure: the clock and the tool version come in
// through `meta`, the engine through `diagnose`, so the panel and the CLI build identical reports.
import type { Diagnosis, ObservedHop } from '../engine/types.ts';
import type { ExchangeRecord } from '../shared/model.ts';
import { copyHeaders, redactDeep, redactHeaderValue, redactUrl } from './redact.ts';
import {
  SCHEMA_VERSION,
  type BuildOptions,
  type CorsReport,
  type ReportFailure,
  type ReportHop,
} from './types.ts';

export function buildReport(records: readonly ExchangeRecord[], opts: BuildOptions): CorsReport {
  const includeSensitive = opts.includeSensitive === true;
  const failures: ReportFailure[] = [];
  for (const record of records) {
    if (!record.done) continue;
    const diagnosis = opts.diagnose(record.observed);
    if (diagnosis.verdict === 'allowed' && opts.includeAllowed !== true) continue;
    const failure = failureOf(record, diagnosis, opts, includeSensitive);
    failures.push(includeSensitive ? failure : redactDeep(failure));
  }
  const byCode: Record<string, number> = {};
  for (const f of failures) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  const pageUrl = opts.meta.pageUrl ?? null;
  return {
    schemaVersion: SCHEMA_VERSION,
    generatedAt: opts.meta.generatedAt,
    generator: { ...opts.meta.generator },
    source: opts.meta.source,
    pageUrl: pageUrl !== null && !includeSensitive ? redactUrl(pageUrl) : pageUrl,
    browser: opts.meta.browser ?? null,
    redacted: !includeSensitive,
    summary: { failures: failures.length, byCode },
    failures,
  };
}

function failureOf(
  record: ExchangeRecord,
  d: Diagnosis,
  opts: BuildOptions,
  includeSensitive: boolean,
): ReportFailure {
  const o = record.observed;
  const hop = (kind: ReportHop['kind'], h: ObservedHop): ReportHop => ({
    kind,
    method: h.method,
    url: h.url,
    status: h.status,
    requestHeaders: copyHeaders(h.requestHeaders, includeSensitive),
    responseHeaders: copyHeaders(h.responseHeaders, includeSensitive),
  });
  const timeline: ReportHop[] = [];
  if (o.preflight) timeline.push(hop('preflight', o.preflight));
  o.hops.forEach((h, i) => timeline.push(hop(i === o.hops.length - 1 ? 'response' : 'redirect', h)));
  const value = (name: string, v: string | null): string | null =>
    v === null || includeSensitive ? v : redactHeaderValue(name, v);
  return {
    id: record.id,
    startedAt: new Date(record.startedAt).toISOString(),
    request: {
      url: o.url,
      method: o.method,
      origin: o.pageOrigin,
      // A mode nothing decided is reported as unknown, not as the mode the engine replayed with.
      credentials: d.credentialsBasis === 'undecided' ? 'unknown' : d.credentials,
      mode: o.mode ?? null,
      kind: o.kind ?? null,
      headers: copyHeaders(o.requestHeaders, includeSensitive),
    },
    verdict: d.verdict,
    stage: d.stage,
    code: d.code,
    corsError: d.corsError,
    failedParameter: d.failedParameter,
    headline: d.headline,
    triage: d.triage,
    realStatus: d.realStatus,
    netError: o.netError,
    offending: d.offending.map((h) => ({
      name: h.name,
      sent: value(h.name, h.sent),
      required: h.required,
      answered: value(h.name, h.answered),
    })),
    timeline,
    consoleMessage: d.consoleMessage,
    pageError: record.pageError ? { ...record.pageError } : null,
    // The report names the call site only; the caller frames serve the panel's inference.
    callSite: record.callSite
      ? {
          url: record.callSite.url,
          line: record.callSite.line,
          column: record.callSite.column,
          functionName: record.callSite.functionName,
        }
      : null,
    references: d.references.map((r) => ({ ...r })),
    hints: d.hints.map((h) => ({ code: h.code, severity: h.severity, message: h.message })),
    backend: opts.fixFor?.(record, d) ?? null,
  };
}
