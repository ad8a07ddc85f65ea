// The npm package as a user gets it: `npm pack` (prepack builds dist/ and lib/), then, in a fresh folder outside the
// repo with nothing but the tarball installed (no devDependencies, no tsx, no checkout): `npx cors-lens --version`,
// `check` against a loopback server, `record` in Debian Chromium, the engine imported at run time, and tsc on a
// consumer file (a correct one passes, a wrong call fails); then the Playwright fixture (`cors-lens/playwright`) as a
// team adds it: @playwright/test installed next to it, the sample app's suite (examples/playwright-app) copied in and
// run against the broken API (fails with the cause) and the fixed one (passes), and tsc on a spec file that uses the
// fixture's options. Part of `npm run verify:fixes`.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFixtureServers } from '../fixtures/cors-server.ts';
import { runSample } from '../support/playwright-sample.ts';
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
  expect(
    listing.includes('package/lib/playwright.js') &&
      listing.includes('package/lib/types/playwright/index.d.ts'),
    'the tarball holds the Playwright fixture (lib/playwright.js) and its types',
  );

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

  // The Playwright fixture, as a team adds it to its own e2e suite: the user's @playwright/test (the version this repo
  // tests with), the sample app's suite copied in, its spec files importing 'cors-lens/playwright'.
  // @types/node too, as `npm init playwright` installs it: Playwright's own types need Node's.
  const versionOf = (name: string): string =>
    (
      JSON.parse(readFileSync(path.join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  const devDeps = ['@playwright/test', '@types/node'].map((n) => `${n}@${versionOf(n)}`);
  const pw = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...devDeps], app);
  expect(pw.code === 0, `npm install ${devDeps.join(' ')} next to it`, pw.err);
  cpSync(path.join(REPO, 'examples/playwright-app'), path.join(app, 'e2e'), {
    recursive: true,
    filter: (f) => !f.includes('test-results'),
  });
  const pwCli = path.join(app, 'node_modules/@playwright/test/cli.js');
  const broken = await runSample(pwCli, 'e2e/playwright.config.mjs', app, {
    SAMPLE_API: 'broken',
    SAMPLE_CONFIG_DELAY_MS: '1000',
  });
  const messages = broken.tests.flatMap((t) => t.errors).filter((e) => e.includes('CORS Lens:'));
  expect(
    broken.code === 1 &&
      broken.tests.length === 2 &&
      broken.tests.every((t) => t.status === 'failed' && t.report !== null) &&
      messages.length === 2 &&
      messages.every((m) => m.includes('preflight-not-handled (preflight)') && m.includes('Fix (headers)')),
    "the sample suite with `test` from 'cors-lens/playwright', broken API: both tests fail with the cause, report attached",
    `${broken.stderr}\n${JSON.stringify(broken.tests, null, 1).slice(0, 3000)}`,
  );
  const fixed = await runSample(pwCli, 'e2e/playwright.config.mjs', app, { SAMPLE_API: 'fixed' });
  expect(
    fixed.code === 0 && fixed.tests.length === 2 && fixed.tests.every((t) => t.status === 'passed'),
    'the same suite, fixed API: both tests pass',
    `${fixed.stderr}\n${JSON.stringify(fixed.tests, null, 1).slice(0, 3000)}`,
  );
  writeFileSync(
    path.join(app, 'consumer.ts'),
    `import { test, expect, type CorsReport } from 'cors-lens/playwright';
test.use({ corsLensMode: 'annotate', corsLensBackend: 'express', corsLensSettleMs: 500 });
test('x', async ({ page, corsLens }) => {
  const report: CorsReport = await corsLens.report();
  expect(report.failures).toHaveLength(0);
  await page.goto('about:blank');
});
`,
  );
  const pwConfig = JSON.parse(readFileSync(path.join(app, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: Record<string, unknown>;
  };
  pwConfig.compilerOptions.types = ['node'];
  writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify(pwConfig));
  const pwTypes = await run('node', [tsc, '-p', 'tsconfig.json'], app);
  expect(
    pwTypes.code === 0,
    "tsc on a spec file that uses 'cors-lens/playwright' and its options",
    pwTypes.out,
  );
  writeFileSync(
    path.join(app, 'consumer.ts'),
    `import { test } from 'cors-lens/playwright';\ntest.use({ corsLensMode: 'warn' });\n`,
  );
  const pwBad = await run('node', [tsc, '-p', 'tsconfig.json'], app);
  expect(
    pwBad.code !== 0 && pwBad.out.includes('consumer.ts(2,') && pwBad.out.includes('"warn"'),
    'tsc refuses an unknown corsLensMode',
    pwBad.out,
  );
} finally {
  page.close();
  await fixtures.close();
  if (failures === 0) rmSync(work, { recursive: true, force: true });
  else say(`kept ${work}`);
}
say(`package: ${failures === 0 ? 'all checks passed' : `${failures} check(s) failed`}`);
process.exitCode = failures === 0 ? 0 : 1;
