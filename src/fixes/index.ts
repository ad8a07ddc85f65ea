// Public entry of the server-fix generators: the registry, generateFix (null with a reason when the cause is not
// fixable by server CORS), and fixRequestFrom. verifyFix (the engine re-check) lives in verify.ts.
import type { CauseCode } from '../engine/types.ts';
import type { BackendId, Fix, FixGenerator, FixInput } from './types.ts';
import { FIX_GENERATORS, GENERATOR_ORDER } from './registry.ts';
import { noFixReason } from './fixability.ts';

export { FIX_GENERATORS, GENERATOR_ORDER } from './registry.ts';
export { noFixReason, NO_FIX_REASON } from './fixability.ts';
export { fixRequestFrom } from './request.ts';
export { detectBackend } from './detect.ts';
export { lintFix, lintHeaders, lintSnippet } from './lint.ts';
export { verifyFix, type FixVerification } from './verify.ts';
export type * from './types.ts';

export function generatorFor(backend: BackendId): FixGenerator | undefined {
  return FIX_GENERATORS[backend];
}

/** The fix for this failure in this backend, or null when no server CORS change can fix it (see noFixReason). */
export function generateFix(backend: BackendId, input: FixInput): Fix | null {
  if (noFixReason(input.diagnosis.code) !== null) return null;
  return FIX_GENERATORS[backend]?.generate(input) ?? null;
}

/** Whether any backend can get a fix for this cause (the panel hides the fix tab otherwise). */
export function isFixable(code: CauseCode): boolean {
  return noFixReason(code) === null && GENERATOR_ORDER.length > 0;
}
