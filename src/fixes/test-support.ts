// Builders for the generator tests and the verification matrix: a Diagnosis and a FixInput in one line each.
import type { CauseCode, Diagnosis, HintCode, Stage } from '../engine/types.ts';
import type { FixInput, FixRequest } from './types.ts';

export function diagnosisOf(
  code: CauseCode,
  over: { stage?: Stage | null; realStatus?: number | null; hints?: HintCode[]; credentials?: boolean } = {},
): Diagnosis {
  return {
    verdict: code === 'allowed' ? 'allowed' : 'blocked',
    code,
    corsError: null,
    failedParameter: null,
    stage: over.stage ?? (code.startsWith('Preflight') ? 'preflight' : 'actual'),
    headline: code,
    triage: null,
    realStatus: over.realStatus ?? null,
    credentials: over.credentials === true ? 'include' : 'same-origin',
    offending: [],
    consoleMessage: null,
    references: [],
    hints: (over.hints ?? []).map((h) => ({ code: h, severity: 'info', message: h })),
  };
}

/** The seed's case by default: a credentialed POST with JSON and a bearer token from http://localhost:3000. */
export function requestOf(over: Partial<FixRequest> = {}): FixRequest {
  return {
    origin: 'http://localhost:3000',
    url: 'http://127.0.0.1:8000/api/chat',
    method: 'POST',
    requestHeaders: ['authorization', 'content-type', 'x-request-id'],
    credentials: true,
    exposeHeaders: ['x-request-id'],
    ...over,
  };
}

export function inputOf(
  code: CauseCode,
  req: Partial<FixRequest> = {},
  diag: Parameters<typeof diagnosisOf>[1] = {},
): FixInput {
  const request = requestOf(req);
  return { diagnosis: diagnosisOf(code, { credentials: request.credentials, ...diag }), request };
}
