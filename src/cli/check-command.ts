// `cors-lens check` as a command: run the check, print it (text or --json), exit 1 when a browser would block.
import type { CheckArgs } from './args.ts';
import { runCheck } from './check.ts';
import { checkJson, formatCheck } from './format.ts';
import { EXIT, type Io } from './io.ts';

export async function checkCommand(args: CheckArgs, io: Io): Promise<number> {
  const outcome = await runCheck(args);
  io.stdout(args.json ? `${JSON.stringify(checkJson(outcome), null, 2)}\n` : formatCheck(outcome));
  return outcome.sim.blocked ? EXIT.blocked : EXIT.ok;
}
