// `audit … --emit-tests DIR`: the regression tests for every route × origin in the backend's own idiom
// (--backend, else the backend the server's answers point to), or for backends without a test runner of their
// own (proxies, cloud configs), one routes file and a script that re-runs the audit on them. Files are written
// only inside DIR, with names built from safe characters.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Unquotable } from '../../fixes/quote/refuse.ts';
import { UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import { idiomOf, renderTests, type Idiom } from './emit/render.ts';
import { auditScript, routeLine } from './emit/script.ts';
import { specOf, type TestSpec } from './emit/spec.ts';
import type { Route } from './routes.ts';
import type { AuditResult } from './run.ts';

export { idiomOf, renderTests, type Idiom, type TestFile } from './emit/render.ts';

function writeIn(dir: string, name: string, code: string, mode?: number): void {
  try {
    writeFileSync(path.join(dir, name), code, mode === undefined ? undefined : { mode });
  } catch (e) {
    throw new UsageError(`cannot write ${name} in ${dir}: ${(e as Error).message}`);
  }
}

/** One route × origin to write a test for, and the backend its server's answers point to. */
export interface EmitItem {
  route: Route;
  origin: string;
  backend?: string | null;
}

export function emitTestsFor(r: AuditResult, dir: string, backend: string | null, io: Io): string[] {
  const cases = r.cases.filter((x) => x.check === 'cors');
  return emitTests(cases, r.base, r.origins, dir, backend, io);
}

/** Writes the tests for these items into dir (created); `backend` overrides each item's own. */
export function emitTests(
  items: EmitItem[],
  base: string,
  origins: string[],
  dir: string,
  backend: string | null,
  io: Io,
): string[] {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(
      `cannot create ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  const byIdiom = new Map<Idiom, TestSpec[]>();
  const lines: string[] = [];
  for (const c of items) {
    const spec = specOf(c.route, c.origin);
    const idiom = idiomOf(backend ?? c.backend);
    if (idiom === 'audit-script') {
      if (c.origin === origins[0]) lines.push(routeLine(spec));
    } else byIdiom.set(idiom, [...(byIdiom.get(idiom) ?? []), spec]);
  }
  const written: string[] = [];
  for (const [idiom, specs] of byIdiom) {
    try {
      for (const t of renderTests(specs, idiom, base) ?? []) {
        writeIn(dir, t.name, t.code);
        written.push(t.name);
      }
    } catch (e) {
      if (!(e instanceof Unquotable)) throw e;
      io.stderr(`cors-lens: no ${idiom} test written: ${e.message}\n`);
    }
  }
  if (lines.length > 0) {
    writeIn(dir, 'cors-regression.routes', `${lines.join('\n')}\n`);
    writeIn(dir, 'cors-regression.sh', auditScript(base, origins, 'cors-regression.routes'), 0o755);
    written.push('cors-regression.routes', 'cors-regression.sh');
  }
  io.stderr(`cors-lens: wrote ${written.length} file(s) to ${dir}: ${written.join(', ')}\n`);
  return written;
}
