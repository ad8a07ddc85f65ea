// `cors-lens check` as a command: run the check, print it (text or --json), exit 1 when a browser would block;
// with --emit-test DIR, also write the regression test for this exact request in the backend's own idiom.
import type { CheckArgs } from './args.ts';
import { emitTests } from './audit/emit-tests.ts';
import { PLACEHOLDER, type Route } from './audit/routes.ts';
import { runCheck } from './check.ts';
import { checkJson, formatCheck } from './format.ts';
import { EXIT, type Io } from './io.ts';

/** The checked request as an audit route. Header values are replaced (they may be secrets); a Content-Type keeps
 * its essence, the one value CORS looks at. */
function routeOf(args: CheckArgs): Route {
  const url = new URL(args.url);
  return {
    method: args.method,
    path: `${url.pathname}${url.search}`,
    template: url.pathname,
    headers: args.headers.map(([n, v]) => [
      n,
      n.toLowerCase() === 'content-type' ? (v.split(';')[0] ?? '').trim() : PLACEHOLDER,
    ]),
    credentials: args.credentials,
    expose: [],
    source: { file: 'cors-lens check', line: 1 },
  };
}

export async function checkCommand(args: CheckArgs, io: Io): Promise<number> {
  const outcome = await runCheck(args);
  io.stdout(args.json ? `${JSON.stringify(checkJson(outcome), null, 2)}\n` : formatCheck(outcome));
  if (args.emitTest !== null) {
    const item = { route: routeOf(args), origin: args.origin, backend: outcome.backend.chosen };
    emitTests([item], new URL(args.url).origin, [args.origin], args.emitTest, args.backend, io);
  }
  return outcome.sim.blocked ? EXIT.blocked : EXIT.ok;
}
