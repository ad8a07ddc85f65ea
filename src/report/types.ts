// The diagnosis report: one JSON document (the source of truth) that the Markdown renderer and the CLI reuse.
// Plain JSON data only; the JSON Schema in schema.ts describes exactly this shape (docs/report-schema.md).
import type {
  CauseCode,
  CredentialsMode,
  Diagnosis,
  Observed,
  OffendingHeader,
  Reference,
  ResourceKind,
  Stage,
  Verdict,
} from '../engine/types.ts';
import type { BackendId, Detection, Fix } from '../fixes/types.ts';
import type { CallSite, ExchangeRecord, PageError } from '../shared/model.ts';

/** Semantic version of the report shape: a major bump breaks readers, a minor one adds optional fields. */
// 1.1.0: request.kind names every CORS destination (font, script, stylesheet, image, media, …), not only fetch/xhr.
export const SCHEMA_VERSION = '1.1.0';

import type { HeaderRecord } from '../engine/headers.ts';

export type { HeaderRecord };

export interface ReportHop {
  kind: 'preflight' | 'redirect' | 'response';
  method: string;
  url: string;
  /** 0 when no response arrived. */
  status: number;
  requestHeaders: HeaderRecord;
  responseHeaders: HeaderRecord;
}

export interface ReportBackend {
  detected: Detection[];
  /** The backend the fix is written for (the user's choice, else the best detection, else plain headers). */
  chosen: BackendId;
  fix: Fix | null;
}

export interface ReportFailure {
  id: string;
  /** ISO 8601. */
  startedAt: string;
  request: {
    url: string;
    method: string;
    origin: string;
    credentials: CredentialsMode | 'unknown';
    mode: string | null;
    kind: ResourceKind | null;
    headers: HeaderRecord;
  };
  verdict: Verdict;
  stage: Stage | null;
  code: CauseCode;
  corsError: string | null;
  failedParameter: string | null;
  headline: string;
  triage: string | null;
  realStatus: number | null;
  netError: string | null;
  offending: OffendingHeader[];
  timeline: ReportHop[];
  consoleMessage: string | null;
  pageError: PageError | null;
  callSite: CallSite | null;
  references: Reference[];
  hints: { code: string; severity: string; message: string }[];
  backend: ReportBackend | null;
}

export interface ReportMeta {
  /** ISO 8601; passed in so the report stays a pure function of its inputs. */
  generatedAt: string;
  generator: { name: string; version: string };
  source: 'panel' | 'cli';
  /** The inspected page, when known. */
  pageUrl?: string | null;
  /** e.g. "Chromium 156". */
  browser?: string | null;
}

export interface CorsReport {
  schemaVersion: typeof SCHEMA_VERSION;
  generatedAt: string;
  generator: { name: string; version: string };
  source: 'panel' | 'cli';
  pageUrl: string | null;
  browser: string | null;
  /** False only when the user explicitly asked to include sensitive values. */
  redacted: boolean;
  summary: { failures: number; byCode: Record<string, number> };
  failures: ReportFailure[];
}

export interface BuildOptions {
  diagnose(observed: Observed): Diagnosis;
  /** The backend and fix for one failure; omitted or null: the report carries no fix. */
  fixFor?: (record: ExchangeRecord, diagnosis: Diagnosis) => ReportBackend | null;
  meta: ReportMeta;
  /** Default false: secrets are redacted. */
  includeSensitive?: boolean;
  /** Default false: only records the engine did not call allowed. */
  includeAllowed?: boolean;
}
