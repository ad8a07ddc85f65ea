// `audit … --emit-tests DIR`: one regression test per route × origin in the backend's own idiom (--backend, else
// the backend the server's answers point to), or for backends without a renderer, one routes file and a script
// that re-runs the audit on them. Files are written only inside DIR, with names built from safe characters.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import { pytestFile } from './emit/python.ts';
import { auditScript, routeLine } from './emit/script.ts';
import { specOf, type TestSpec } from './emit/spec.ts';
import type { AuditResult } from './run.ts';

export type Idiom = 'pytest-starlette' | 'pytest-flask' | 'audit-script';

/** The idiom a backend's tests are written in (docs/ci.md#emitted-regression-tests lists the gaps). */
export function idiomOf(backend: string | null | undefined): Idiom {
  if (backend === 'fastapi') return 'pytest-starlette';
  if (backend === 'flask') return 'pytest-flask';
  return 'audit-script';
}

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60) || 'root';

/** The test file for one spec in one idiom (null: the idiom is the shared audit script). */
export function renderTest(spec: TestSpec, idiom: Idiom): { name: string; code: string } | null {
  const name = `test_cors_${slug(`${spec.method} ${spec.path}`)}_${slug(spec.origin)}.py`;
  if (idiom === 'pytest-starlette') return { name, code: pytestFile(spec, 'starlette', 'main') };
  if (idiom === 'pytest-flask') return { name, code: pytestFile(spec, 'flask', 'app') };
  return null;
}

export function emitTestsFor(r: AuditResult, dir: string, backend: string | null, io: Io): string[] {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(
      `cannot create ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  const written: string[] = [];
  const lines: string[] = [];
  for (const c of r.cases.filter((x) => x.check === 'cors')) {
    const spec = specOf(c.route, c.origin);
    const test = renderTest(spec, idiomOf(backend ?? c.backend));
    if (test === null) {
      if (c.origin === r.origins[0]) lines.push(routeLine(spec));
      continue;
    }
    writeFileSync(path.join(dir, test.name), test.code);
    written.push(test.name);
  }
  if (lines.length > 0) {
    writeFileSync(path.join(dir, 'cors-regression.routes'), `${lines.join('\n')}\n`);
    writeFileSync(
      path.join(dir, 'cors-regression.sh'),
      auditScript(r.base, r.origins, 'cors-regression.routes'),
      {
        mode: 0o755,
      },
    );
    written.push('cors-regression.routes', 'cors-regression.sh');
  }
  io.stderr(`cors-lens: wrote ${written.length} file(s) to ${dir}: ${written.join(', ')}\n`);
  return written;
}
