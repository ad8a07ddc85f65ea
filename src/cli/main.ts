// The cors-lens dispatcher: parse, run one command, map the outcome to an exit code. Expected failures (usage,
// network, browser) become one stderr line and exit 2; only CORS_LENS_DEBUG=1 shows a stack for the unexpected.
import { parseCli, type CliArgs } from './args.ts';
import { isExpectedError } from './errors.ts';
import { EXIT, processIo, type Io } from './io.ts';
import { toolVersion } from './paths.ts';

export const HELP = `cors-lens: CORS checks from the command line and in CI

Usage:
  cors-lens record <url> [--wait <ms>] [--json|--md] [--out <file>] [--timeout <ms>]
      Open the page in Chromium with the CORS Lens extension and report every CORS failure it sees.
  cors-lens check <url> --origin <origin> [--method M] [-H 'Name: value']... [--credentials]
                  [--backend <id>] [--json] [--timeout <ms>] [--emit-test <dir>]
      Ask the server what a browser would ask, give the browser's verdict and the server fix
      (--emit-test: and write the regression test for this request, in the backend's own idiom).
  cors-lens replay <report.json>... [--json] [--timeout <ms>]
      Re-run check for every failure of exported reports (a CORS regression test).
  cors-lens audit <base-url> --origin <origin>... (--openapi <file|url> | --routes <file> | --report <report.json>)
                  [--credentials] [--json] [--junit <file>] [--sarif <file>] [--emit-tests <dir> [--backend <id>]]
                  [--concurrency <n>] [--timeout <ms>]
      Check every route from every origin: the browser's verdict, error answers, and the security checks
      (reflected origins, null, look-alike domains, missing Vary: Origin, ...). See docs/ci.md.
  cors-lens har <file.har> [--json|--md] [--out <file>] [--include-sensitive] [--quiet]
      Diagnose every CORS failure in a HAR file (Chrome, Edge, Firefox or any HAR 1.2 exporter).
  cors-lens explain "<console line>" [--json]     (or: ... | cors-lens explain -)
      Explain a CORS line from Chrome's, Firefox's or Safari's console and print the check that settles it.

--timeout bounds each request (check, replay; default 10000 ms) or the page load (record; default 30000 ms).

Exit codes: 0 no CORS failure (audit: no finding), 1 a browser would block (audit: findings),
2 usage, network or browser error.
`;

// Commands load on demand: `check` should not pay for Playwright, which only `record` needs.
async function run(args: CliArgs, io: Io): Promise<number> {
  switch (args.command) {
    case 'help':
      io.stdout(HELP);
      return EXIT.ok;
    case 'version':
      io.stdout(`${toolVersion()}\n`);
      return EXIT.ok;
    case 'check':
      return (await import('./check-command.ts')).checkCommand(args, io);
    case 'replay':
      return (await import('./replay.ts')).replayCommand(args, io);
    case 'record':
      return (await import('./record.ts')).recordCommand(args, io);
    case 'audit':
      return (await import('./audit/command.ts')).auditCommand(args, io);
    case 'har':
      return (await import('./har.ts')).harCommand(args, io);
    case 'explain':
      return (await import('./explain.ts')).explainCommand(args, io);
  }
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    return await run(parseCli(argv), io);
  } catch (e) {
    if (isExpectedError(e)) {
      io.stderr(`cors-lens: ${e.message}\n`);
      return EXIT.error;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr(
      `cors-lens: internal error: ${err.message}${process.env.CORS_LENS_DEBUG ? `\n${err.stack ?? ''}` : ' (set CORS_LENS_DEBUG=1 for details)'}\n`,
    );
    return EXIT.error;
  }
}
