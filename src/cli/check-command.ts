// `cors-lens check` as a command: run the check, print it (text or --json), exit 1 when a browser would block;
// with --emit-test DIR, also write the regression test for this exact request in the backend's own idiom.
import type { CheckArgs } from './args.ts';
import { emitTests } from './audit/emit-tests.ts';
import { requestRoute } from './audit/emit/render.ts';
import { runCheck } from './check.ts';
import { checkJson, formatCheck } from './format.ts';
import { EXIT, type Io } from './io.ts';

export async function checkCommand(args: CheckArgs, io: Io): Promise<number> {
  const outcome = await runCheck(args);
  io.stdout(args.json ? `${JSON.stringify(checkJson(outcome), null, 2)}\n` : formatCheck(outcome));
  if (args.emitTest !== null) {
    // Header values are replaced (they may be secrets); a Content-Type keeps its essence, the one value CORS reads.
    const route = requestRoute(args.method, args.url, args.headers, args.credentials, [], 'cors-lens check');
    const item = { route, origin: args.origin, backend: outcome.backend.chosen };
    emitTests([item], new URL(args.url).origin, [args.origin], args.emitTest, args.backend, io);
  }
  return outcome.sim.blocked ? EXIT.blocked : EXIT.ok;
}
