// `npm run fuzz`: the hostile-input campaign (test/fuzz/campaign.ts) at full size, ≥ 1,000,000 inputs in total.
// FUZZ_SEED replays a run; FUZZ_RUNS sets the total (split across targets by their cost). Not part of `npm test`.
import { stats } from '../test/fuzz/campaign.ts';
import { runTarget, type TargetName } from '../test/fuzz/run.ts';

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const total = Number(process.env.FUZZ_RUNS ?? 1_000_000);
// Shares by cost: the engine is cheap, the report renders three formats, a fix runs a generator and re-verifies.
const SHARE: Record<TargetName, number> = { engine: 0.7, report: 0.1, fixes: 0.2 };

say(`fuzz: seed ${seed} (FUZZ_SEED=${seed} replays it), ${total} runs`);
const started = performance.now();
let runs = 0;
let exceptions = 0;
let unsafe = 0;
for (const [target, share] of Object.entries(SHARE) as [TargetName, number][]) {
  const t0 = performance.now();
  const r = runTarget(target, seed, Math.round(total * share));
  runs += r.runs;
  exceptions += r.exceptions;
  unsafe += r.unsafe;
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  say(`  ${target.padEnd(7)} ${r.runs} runs, exceptions=${r.exceptions}, unsafe=${r.unsafe}, ${secs} s`);
  if (target === 'fixes')
    say(`          ${stats.fixesEmitted} fixes handed out, the rest refused or not fixable`);
  for (const f of r.findings) say(`    ${f}`);
}
const wall = ((performance.now() - started) / 1000).toFixed(1);
say(`fuzz: ${runs} runs, seed ${seed}, exceptions=${exceptions}, unsafe=${unsafe}, wall ${wall} s`);
process.exitCode = exceptions + unsafe > 0 ? 1 : 0;
