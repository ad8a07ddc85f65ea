// Which server the fix is written for, and the fix itself: the user's --backend, else the best detection, else plain
// headers. check and record share it so a CLI report names the same backend as the panel's export would.
import type { Diagnosis, Observed } from '../engine/types.ts';
import {
  detectBackend,
  FIX_GENERATORS,
  fixOutcome,
  fixRequestFrom,
  GENERATOR_ORDER,
} from '../fixes/index.ts';
import type { BackendId, Detection, Fix } from '../fixes/types.ts';
import { UsageError } from './errors.ts';

export interface BackendChoice {
  detected: Detection[];
  chosen: BackendId;
  fix: Fix | null;
  /** Why a blocked request gets no fix (not a CORS setting, a null origin, a fix that failed lint or replay). */
  noFixReason: string | null;
}

/** The backend ids --backend accepts (every registered fix writer). */
export const backendIds = (): readonly BackendId[] => GENERATOR_ORDER;

export function validateBackend(backend: string | null): BackendId | null {
  if (backend === null) return null;
  if (!(backend in FIX_GENERATORS))
    throw new UsageError(`unknown --backend ${JSON.stringify(backend)} (one of: ${backendIds().join(', ')})`);
  return backend as BackendId;
}

/** Without a detection the fix is the plain headers; until that writer exists, the first in the panel's order. */
const fallback = (): BackendId => (FIX_GENERATORS.headers ? 'headers' : (GENERATOR_ORDER[0] ?? 'headers'));

export function chooseBackend(
  observed: Observed,
  diagnosis: Diagnosis,
  requested: BackendId | null,
  bodies: { preflight?: string; response?: string } = {},
): BackendChoice {
  const detected = detectBackend(observed, bodies);
  const chosen = requested ?? detected[0]?.backend ?? fallback();
  const outcome =
    diagnosis.verdict === 'blocked'
      ? fixOutcome(chosen, { diagnosis, request: fixRequestFrom(observed, diagnosis) })
      : { fix: null, reason: null };
  return { detected, chosen, fix: outcome.fix, noFixReason: outcome.reason };
}
