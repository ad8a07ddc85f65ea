// `audit … --emit-tests DIR`: the regression tests for every route × origin in the backend's own idiom
// (--backend, else the backend the server's answers point to), or for backends without a test runner of their
// own (proxies, cloud configs), one routes file and a script that re-runs the audit on them. Files are written
// only inside DIR, with names built from safe characters.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Unquotable } from '../../fixes/quote/refuse.ts';
import { UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import { goTestFile } from './emit/go.ts';
import { nodeTestFile } from './emit/node.ts';
import { pytestFile, type PyClient } from './emit/python.ts';
import { minitestFile } from './emit/ruby.ts';
import { auditScript, routeLine } from './emit/script.ts';
import { specOf, type TestSpec } from './emit/spec.ts';
import type { Route } from './routes.ts';
import type { AuditResult } from './run.ts';

export type Idiom = `pytest-${PyClient}` | 'node-test' | 'go-test' | 'minitest-rack' | 'audit-script';

const IDIOMS: Record<string, Idiom> = {
  fastapi: 'pytest-starlette',
  flask: 'pytest-flask',
  django: 'pytest-django',
  aiohttp: 'pytest-aiohttp',
  express: 'node-test',
  fastify: 'node-test',
  koa: 'node-test',
  hono: 'node-test',
  nestjs: 'node-test',
  nextjs: 'node-test',
  gin: 'go-test',
  echo: 'go-test',
  'go-rs-cors': 'go-test',
  rails: 'minitest-rack',
};

/** The idiom a backend's tests are written in (docs/ci.md#emitted-regression-tests lists them). */
export function idiomOf(backend: string | null | undefined): Idiom {
  return (backend && Object.hasOwn(IDIOMS, backend) ? IDIOMS[backend] : undefined) ?? 'audit-script';
}

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60) || 'root';
const camel = (s: string): string => s.replace(/(?:^|_)([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export interface TestFile {
  name: string;
  code: string;
}

/** The test files for these specs in one idiom (null: the idiom is the shared audit script). */
export function renderTests(specs: TestSpec[], idiom: Idiom, base: string): TestFile[] | null {
  const key = (s: TestSpec): string => `${slug(`${s.method} ${s.path}`)}_${slug(s.origin)}`;
  if (idiom === 'audit-script') return null;
  if (idiom === 'go-test') return [{ name: 'cors_regression_test.go', code: goTestFile(specs, base) }];
  return specs.map((s) => {
    if (idiom === 'node-test') return { name: `cors_${key(s)}.test.mjs`, code: nodeTestFile(s, base) };
    if (idiom === 'minitest-rack')
      return { name: `cors_${key(s)}_test.rb`, code: minitestFile(s, `Cors${camel(key(s))}Test`) };
    return { name: `test_cors_${key(s)}.py`, code: pytestFile(s, idiom.slice('pytest-'.length) as PyClient) };
  });
}

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
