// The npm package as a user gets it: `npm pack` (prepack builds dist/ and lib/), then, in a fresh folder outside the
// repo with nothing but the tarball installed (no devDependencies, no tsx, no checkout): `npx cors-lens --version`,
// `check` against a loopback server, `record` in Debian Chromium, the engine imported at run time, and tsc on a
// consumer file (a correct one passes, a wrong call fails). Part of `npm run verify:fixes`.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFixtureServers } from '../fixtures/cors-server.ts';
import { REPO } from './harness.ts';

const MAX_TARBALL = 2 * 1024 * 1024;
const { version } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
let failures = 0;
const say = (s: string) => process.stdout.write(`${s}\n`);
function expect(ok: boolean, what: string, detail = ''): void {
  say(
    `${ok ? 'PASS' : 'FAIL'} ${what}${ok || !detail ? '' : `\n     ${detail.trim().split('\n').join('\n     ')}`}`,
  );
  if (!ok) failures++;
}

/** Runs a command without blocking this process (it serves the pages the command loads); never throws. */
function run(
  cmd: string,
  args: string[],
  cwd: string,
  vars: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const env = { ...vars, FORCE_COLOR: '0' };
    execFile(cmd, args, { cwd, env, timeout: 180_000 }, (e, out, err) => {
      resolve({ code: e ? ((e as { code?: number }).code ?? -1) : 0, out, err });
    });
  });
}

const work = mkdtempSync(path.join(tmpdir(), 'cors-lens-package-'));
const fixtures = await startFixtureServers();
// A page on another loopback origin that calls the fixture API as it loads: what `record` is for.
const target = fixtures.urlOf('missing-acao');
const page = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end(
    `<!doctype html><title>app</title><script>fetch(${JSON.stringify(target)}).catch(() => {});</script>`,
  );
});
await new Promise<void>((r) => page.listen(0, '127.0.0.1', r));
const pageUrl = `http://localhost:${(page.address() as { port: number }).port}/`;
try {
  say(`package: npm pack (prepack builds the extension and the CLI) into ${work}`);
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
    cwd: REPO,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop() as string;
  const tarball = path.join(work, packed);
  const size = statSync(tarball).size;
  expect(size <= MAX_TARBALL, `${packed}: ${(size / 1024).toFixed(0)} kB packed (budget 2048 kB)`);
  const listing = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n');
  const stray = listing.filter((f) => /^package\/(src|test|scripts|demo)\/|\.map$|\.test\.|\.spec\./.test(f));
  expect(stray.length === 0, 'the tarball holds no sources, tests or source maps', stray.join('\n'));
  expect(listing.includes('package/dist/manifest.json'), 'the tarball holds the built extension (dist/)');

  const app = path.join(work, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify({ name: 'app', private: true, type: 'module' }),
  );
  const install = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], app);
  expect(install.code === 0, 'npm install <tarball> in an empty project', install.err);
  const installed = readFileSync(path.join(app, 'package-lock.json'), 'utf8');
  const pkgs = Object.keys((JSON.parse(installed) as { packages: object }).packages).filter(Boolean);
  // playwright-core is the only browser dependency; yaml reads OpenAPI documents for `audit`. Nothing else comes along.
  expect(
    pkgs.sort().join(' ') === 'node_modules/cors-lens node_modules/playwright-core node_modules/yaml',
    'it installs cors-lens, playwright-core and yaml only',
    pkgs.join(' '),
  );

  const v = await run('npx', ['cors-lens', '--version'], app);
  expect(
    v.code === 0 && v.out.trim() === version,
    `npx cors-lens --version prints ${version}`,
    v.out + v.err,
  );

  const check = await run('npx', ['cors-lens', 'check', target, '--origin', fixtures.pageOrigin], app);
  expect(
    check.code === 1 && check.out.includes('Cause: MissingAllowOriginHeader'),
    'npx cors-lens check: exit 1, MissingAllowOriginHeader',
    check.out + check.err,
  );

  const rec = await run('npx', ['cors-lens', 'record', pageUrl, '--out', 'report.json'], app);
  const report =
    rec.code === 1
      ? (JSON.parse(readFileSync(path.join(app, 'report.json'), 'utf8')) as {
          generator: { version: string };
          failures: { code: string }[];
        })
      : null;
  expect(
    report?.failures.some((f) => f.code === 'MissingAllowOriginHeader') === true &&
      report.generator.version === version,
    `npx cors-lens record in Debian Chromium: exit 1, the failure in report.json, generator ${version}`,
    rec.out + rec.err,
  );

  // The GitHub Action (action.yml) as a workflow runs it: its install step's script (installing this tarball into
  // RUNNER_TEMP), then its runner with the inputs as environment variables. The YAML around them runs only on GitHub.
  const temp = path.join(work, 'runner-temp');
  execFileSync('mkdir', ['-p', temp]);
  const yml = readFileSync(path.join(REPO, 'action.yml'), 'utf8');
  const installScript = /name: Install cors-lens[\s\S]*?run: \|\n((?: {8}.*\n)+)/.exec(yml)?.[1] ?? '';
  const githubEnv = path.join(work, 'github-env');
  const action = {
    ...process.env,
    RUNNER_TEMP: temp,
    GITHUB_ENV: githubEnv,
    GITHUB_STEP_SUMMARY: path.join(work, 'summary.md'),
    ACTION_PATH: REPO,
    CORS_LENS_PACKAGE: tarball,
    CORS_LENS_VERSION: '',
  };
  const setup = await run('bash', ['-c', installScript.replace(/^ {8}/gm, '')], app, action);
  const bin = /CORS_LENS_BIN=(.*)/.exec(readFileSync(githubEnv, 'utf8'))?.[1] ?? '';
  expect(
    setup.code === 0 && setup.out.includes(version),
    "the Action's install step installs the package",
    setup.out + setup.err,
  );
  const runner = await run('node', [path.join(REPO, 'scripts/action-run.mjs')], app, {
    ...action,
    CORS_LENS_BIN: bin,
    INPUT_REPLAY: 'report*.json',
    INPUT_CHECK: `${target} --origin ${fixtures.pageOrigin} --method POST -H 'Content-Type: application/json'\n${fixtures.urlOf('ok-wildcard')} --origin "${fixtures.pageOrigin}"`,
  });
  const summary = readFileSync(action.GITHUB_STEP_SUMMARY, 'utf8');
  expect(
    runner.code === 1 &&
      (summary.match(/\| CORS failure \|/g) ?? []).length === 2 &&
      summary.includes('| pass |'),
    "the Action's runner: replay and a check fail (exit 1), the allowed check passes, all in the job summary",
    runner.out + runner.err + summary,
  );

  const lib = await run(
    'node',
    ['-e', `import('cors-lens').then((m) => console.log(typeof m.simulateFetch, typeof m.diagnose))`],
    app,
  );
  expect(
    lib.out.trim() === 'function function',
    "import('cors-lens') has simulateFetch and diagnose",
    lib.out + lib.err,
  );

  // Types: the repo's tsc, run from the app folder, resolves 'cors-lens' in the app's node_modules only.
  writeFileSync(
    path.join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        types: [],
      },
      files: ['consumer.ts'],
    }),
  );
  const consumer = `import { simulateFetch, diagnose, type SimResult } from 'cors-lens';
export const seen: SimResult = simulateFetch(
  { url: 'http://api.test/x', origin: 'http://app.test', method: 'GET', headers: {}, credentials: 'include', mode: 'cors' },
  () => ({ response: { status: 200, headers: { 'access-control-allow-origin': '*' } } }),
);
export const d: typeof diagnose = diagnose;
`;
  const tsc = path.join(REPO, 'node_modules/typescript/bin/tsc');
  writeFileSync(path.join(app, 'consumer.ts'), consumer);
  const good = await run('node', [tsc, '-p', 'tsconfig.json'], app);
  expect(good.code === 0, 'tsc on a consumer file that imports the engine with types', good.out + good.err);
  writeFileSync(path.join(app, 'consumer.ts'), `${consumer}export const bad: number = simulateFetch;\n`);
  const bad = await run('node', [tsc, '-p', 'tsconfig.json'], app);
  expect(
    bad.code !== 0 && bad.out.includes('consumer.ts'),
    'tsc refuses a consumer that misuses the types',
    bad.out,
  );
} finally {
  page.close();
  await fixtures.close();
  if (failures === 0) rmSync(work, { recursive: true, force: true });
  else say(`kept ${work}`);
}
say(`package: ${failures === 0 ? 'all checks passed' : `${failures} check(s) failed`}`);
process.exitCode = failures === 0 ? 0 : 1;
