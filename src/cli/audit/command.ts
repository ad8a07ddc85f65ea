// `cors-lens audit` as a command: load the routes, run the audit with a progress line on a terminal, write the
// outputs asked for, and exit 0 (clean), 1 (findings) or 2 (bad input, or a server that could not be probed).
import { writeFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';
import { EXIT, type Io } from '../io.ts';
import type { AuditArgs } from './args.ts';
import { auditJson } from './output/json.ts';
import { auditJunit } from './output/junit.ts';
import { auditSarif } from './output/sarif.ts';
import { formatTable } from './output/table.ts';
import { runAudit } from './run.ts';
import { loadRoutes } from './sources.ts';

function write(file: string, text: string, io: Io): void {
  if (file === '-') {
    io.stdout(text);
    return;
  }
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new UsageError(
      `cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

export async function auditCommand(args: AuditArgs, io: Io, tty = process.stderr.isTTY): Promise<number> {
  const routes = await loadRoutes(args);
  const result = await runAudit({
    base: args.base,
    origins: args.origins,
    routes,
    timeoutMs: args.timeoutMs,
    concurrency: args.concurrency,
    ...(tty && routes.length > 1
      ? {
          onProgress: (done: number, total: number) => {
            io.stderr(`\raudit: ${done}/${total} routes${done === total ? '\n' : ''}`);
          },
        }
      : {}),
  });
  if (args.junit) write(args.junit, auditJunit(result), io);
  if (args.sarif) write(args.sarif, `${JSON.stringify(auditSarif(result), null, 2)}\n`, io);
  if (args.json) io.stdout(`${JSON.stringify(auditJson(result), null, 2)}\n`);
  else if (args.junit !== '-' && args.sarif !== '-')
    io.stdout(formatTable(result, process.stdout.isTTY && process.env.NO_COLOR === undefined));
  if (args.emitTests) {
    const { emitTestsFor } = await import('./emit-tests.ts');
    emitTestsFor(result, args.emitTests, args.backend, io);
  }
  if (result.cases.some((c) => c.outcome === 'error')) return EXIT.error;
  return result.cases.some((c) => c.outcome === 'finding') ? EXIT.blocked : EXIT.ok;
}
