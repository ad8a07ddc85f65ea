// Public entry of the server-fix generators: the registry, generateFix / fixOutcome, fixRequestFrom, detection and
// the lint. A fix is handed out only when it passes the security lint and the engine's replay (verifyFix), so a
// generator cannot hand out a fix that does not fix, whatever the input.
import type { CauseCode } from '../engine/types.ts';
import type { BackendId, Fix, FixGenerator, FixInput } from './types.ts';
import { FIX_GENERATORS, GENERATOR_ORDER } from './registry.ts';
import { noFixReason } from './fixability.ts';
import { verifyFix } from './verify.ts';
import { generateQuoted } from './quote/request.ts';
import { NULL_ORIGIN_SCRIPT } from './assets.ts';

export { FIX_GENERATORS, GENERATOR_ORDER } from './registry.ts';
export { noFixReason, NO_FIX_REASON } from './fixability.ts';
export { fixRequestFrom } from './request.ts';
export { fixFacts, type FixFacts, type FactsInput } from '../inference/fix-facts.ts';
export { scanSource } from '../inference/source-scan.ts';
export { sourceFor } from '../inference/call-frames.ts';
export { detectBackend, type Bodies } from './detect.ts';
export { lintFix, lintHeaders, lintSnippet } from './lint.ts';
export { verifyFix, type FixVerification } from './verify.ts';
export type * from './types.ts';

export type FixOutcome = { fix: Fix; reason: null } | { fix: null; reason: string };

export function generatorFor(backend: BackendId): FixGenerator | undefined {
  return FIX_GENERATORS[backend];
}

/** The fix for this failure in this backend, or why there is none. */
export function fixOutcome(backend: BackendId, input: FixInput): FixOutcome {
  const notCors = noFixReason(input.diagnosis.code);
  if (notCors !== null) return { fix: null, reason: notCors };
  if (input.request.origin === 'null' && input.request.kind === 'script')
    return { fix: null, reason: NULL_ORIGIN_SCRIPT };
  if (input.request.origin === 'null')
    return {
      fix: null,
      reason:
        'The page\'s origin is "null" (sandboxed iframe, file://, or after a cross-origin redirect): allowing null would trust every such page. Serve the page from a real origin, or fix the redirect.',
    };
  const generator = FIX_GENERATORS[backend];
  if (generator === undefined) return { fix: null, reason: `No fix generator for ${backend}.` };
  const fix = generateQuoted((i) => generator.generate(i), input);
  if (typeof fix === 'string') return { fix: null, reason: fix };
  if (fix.security.length > 0)
    return {
      fix: null,
      reason: `The ${generator.label} fix failed the security lint (${fix.security.map((f) => f.rule).join(', ')}); not handed out.`,
    };
  const check = verifyFix(fix, input);
  if (!check.ok)
    return {
      fix: null,
      reason: `The ${generator.label} fix would not make this request pass (${check.reason ?? 'blocked'}); not handed out.`,
    };
  return { fix, reason: null };
}

/** The fix for this failure in this backend, or null (fixOutcome says why). */
export function generateFix(backend: BackendId, input: FixInput): Fix | null {
  return fixOutcome(backend, input).fix;
}

/** Whether any backend can get a fix for this cause (the panel hides the fix tab otherwise). */
export function isFixable(code: CauseCode): boolean {
  return noFixReason(code) === null && GENERATOR_ORDER.length > 0;
}
