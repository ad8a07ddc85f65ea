// Runs the campaign's targets with fast-check, counting exceptions and unsafe outputs instead of stopping at the
// first, so one run reports the whole picture; the first few findings are kept with their inputs.
import fc from 'fast-check';
import { TARGETS } from './campaign.ts';

export type TargetName = keyof typeof TARGETS;

export interface TargetResult {
  target: TargetName;
  runs: number;
  exceptions: number;
  unsafe: number;
  findings: string[];
}

export function runTarget(target: TargetName, seed: number, numRuns: number): TargetResult {
  const { arb, run } = TARGETS[target] as {
    arb: fc.Arbitrary<unknown>;
    run: (v: unknown) => string | null;
  };
  const result: TargetResult = { target, runs: 0, exceptions: 0, unsafe: 0, findings: [] };
  const keep = (what: string, input: unknown): void => {
    if (result.findings.length < 5)
      result.findings.push(`${what}\n  input: ${fc.stringify(input).slice(0, 600)}`);
  };
  fc.check(
    fc.property(arb, (input) => {
      result.runs++;
      try {
        const bad = run(input);
        if (bad !== null) {
          result.unsafe++;
          keep(`unsafe: ${bad}`, input);
        }
      } catch (e) {
        result.exceptions++;
        keep(`exception: ${(e as Error).stack?.split('\n').slice(0, 4).join(' | ') ?? String(e)}`, input);
      }
      return true;
    }),
    { seed, numRuns },
  );
  return result;
}
