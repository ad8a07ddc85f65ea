// Column (b): the regression tests `audit --emit-tests` writes for this backend, run with the backend's own runner
// against one configuration: Debian's pytest (framework test clients, in process), `node --test` and `go test`
// (HTTP against the started server), Ruby's minitest + rack-test (in process, config.ru), and the emitted audit
// script for backends without a runner. They must fail on the broken server and pass on the fixed one.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { emitTestsFor, idiomOf, type Idiom } from '../../../src/cli/audit/emit-tests.ts';
import type { AuditResult } from '../../../src/cli/audit/run.ts';
import { REPO, run } from '../harness.ts';
import { PY } from '../backends/py.ts';

const quiet = { stdout: () => undefined, stderr: () => undefined };
const GOCACHE = path.join(tmpdir(), 'cors-lens-verify-gocache');

type Runner = (tests: string, files: string[], dir: string) => Promise<string>;

const pytest: Runner = (tests, files, dir) =>
  run(PY, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', '--rootdir', dir, ...files], tests, {
    PYTHONPATH: dir,
    PYTHONDONTWRITEBYTECODE: '1',
    // The matrix's Django project configures its settings in app.py (the emitted test names mysite.settings).
    DJANGO_SETTINGS_MODULE: 'app',
  });

const RUNNERS: Record<Idiom, Runner> = {
  'pytest-starlette': pytest,
  'pytest-flask': pytest,
  'pytest-django': pytest,
  'pytest-aiohttp': pytest,
  'node-test': (tests, files) => run(process.execPath, ['--test', ...files], tests),
  'go-test': (tests) =>
    run('/usr/bin/go', ['test', '-count=1', '.'], tests, { GO111MODULE: 'off', GOCACHE, GOFLAGS: '' }),
  'minitest-rack': async (tests, files) => {
    const out: string[] = [];
    for (const f of files) out.push(await run('/usr/bin/ruby', [f], tests));
    return out.join('\n');
  },
  'audit-script': (tests) =>
    run('/bin/sh', ['cors-regression.sh'], tests, {
      CORS_LENS: `${process.execPath} ${path.join(REPO, 'bin', 'cors-lens.mjs')}`,
    }),
};

// The runners' own tallies (pytest, node --test, minitest, go test), else the last line.
const TALLY = /^# (pass|fail) \d+$|\d+ runs, \d+ assertions.*|\d+ (passed|failed).*|^(ok|FAIL|--- FAIL:)\s.*/;
const lastLine = (s: string): string => {
  const lines = s.trim().split('\n').filter(Boolean);
  const tally = lines.filter((l) => TALLY.test(l.trim())).slice(-2);
  return (tally.length > 0 ? tally.join(', ') : (lines.at(-1) ?? '')).slice(0, 300);
};

/** Writes the tests into `dir`/cors_tests (beside the server's own module) and runs them: true = passed. */
export async function runEmitted(
  r: AuditResult,
  backend: string,
  dir: string,
): Promise<{ passed: boolean; output: string }> {
  const tests = path.join(dir, 'cors_tests');
  const files = emitTestsFor(r, tests, backend, quiet);
  try {
    return { passed: true, output: lastLine(await RUNNERS[idiomOf(backend)](tests, files, dir)) };
  } catch (e) {
    return { passed: false, output: lastLine((e as Error).message) };
  }
}

const dist = '/usr/lib/python3/dist-packages';
const hasPy = (m: string): boolean =>
  existsSync(path.join(dist, m)) || readdirSync(dist).some((f) => f.startsWith(`${m}-`));

/** Why this backend's runner cannot run here (test/verify/install.sh installs them), or null. */
export function runnerGap(backend: string): string | null {
  const idiom = idiomOf(backend);
  if (idiom.startsWith('pytest-')) {
    const need = ['pytest', ...(idiom === 'pytest-starlette' ? ['httpx'] : [])];
    const gone = existsSync(dist) ? need.filter((m) => !hasPy(m)) : need;
    return gone.length === 0 ? null : `python3 ${gone.join(', ')} not installed (test/verify/install.sh)`;
  }
  if (idiom === 'go-test' && !existsSync('/usr/bin/go')) return 'golang-go not installed';
  if (idiom === 'minitest-rack' && spawnSync('/usr/bin/ruby', ['-e', 'require "rack/test"']).status !== 0)
    return 'ruby or ruby-rack-test not installed (test/verify/install.sh)';
  return null;
}
