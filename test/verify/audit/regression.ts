// Column (b): the regression test `audit --emit-tests` writes for this backend, run with the backend's own runner
// (Debian's pytest for the Python frameworks; the emitted audit script for the rest) against one configuration.
// It must fail on the broken server and pass on the fixed one.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { emitTestsFor, idiomOf } from '../../../src/cli/audit/emit-tests.ts';
import type { AuditResult } from '../../../src/cli/audit/run.ts';
import { REPO, run } from '../harness.ts';
import { PY } from '../backends/py.ts';

const quiet = { stdout: () => undefined, stderr: () => undefined };

/** Writes the tests into `dir` (the server's own directory, where its module lives) and runs them: true = passed. */
export async function runEmitted(
  r: AuditResult,
  backend: string,
  dir: string,
): Promise<{ passed: boolean; output: string }> {
  const files = emitTestsFor(r, path.join(dir, 'cors_tests'), backend, quiet);
  const idiom = idiomOf(backend);
  try {
    const output =
      idiom === 'audit-script'
        ? await run('/bin/sh', [path.join(dir, 'cors_tests', 'cors-regression.sh')], dir, {
            CORS_LENS: `${process.execPath} ${path.join(REPO, 'bin', 'cors-lens.mjs')}`,
          })
        : await run(
            PY,
            [
              '-m',
              'pytest',
              '-q',
              '-p',
              'no:cacheprovider',
              '--rootdir',
              dir,
              ...files.map((f) => path.join('cors_tests', f)),
            ],
            dir,
            {
              PYTHONPATH: dir,
              PYTHONDONTWRITEBYTECODE: '1',
            },
          );
    return { passed: true, output: output.trim().split('\n').at(-1) ?? '' };
  } catch (e) {
    return { passed: false, output: (e as Error).message.trim().split('\n').filter(Boolean).at(-1) ?? '' };
  }
}

/** pytest and the Starlette test client's httpx come from Debian (test/verify/install.sh); null when present. */
export function runnerGap(backend: string): string | null {
  if (idiomOf(backend) === 'audit-script') return null;
  const dist = '/usr/lib/python3/dist-packages';
  const need = ['pytest', ...(idiomOf(backend) === 'pytest-starlette' ? ['httpx'] : [])];
  const gone = need.filter(
    (m) => !existsSync(path.join(dist, m)) && !readdirSync(dist).some((f) => f.startsWith(`${m}-`)),
  );
  return gone.length === 0 ? null : `python3 ${gone.join(', ')} not installed (test/verify/install.sh)`;
}
