// The Playwright fixture (`cors-lens/playwright`, src/playwright/) proved on the sample app's own suite
// (examples/playwright-app), run as a child process the way its team runs it: the spec files import the fixture
// through this package's exports map (lib/, built here first). Against the broken API both tests fail with the cause
// and the fix in their message and the redacted report attached, the title test only because of CORS Lens; against
// the fixed API both pass; in annotate mode the title test passes with the diagnosis as an annotation.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { runSample, type SampleRun } from '../support/playwright-sample.ts';
import { schemaErrors } from './panel-helpers.ts';

const CLI = 'node_modules/@playwright/test/cli.js';
const CONFIG = 'examples/playwright-app/playwright.config.mjs';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

test.beforeAll(() => {
  execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/build-cli.ts'], {
    stdio: 'pipe',
  });
});

const byTitle = (run: SampleRun, title: string) => {
  const t = run.tests.find((x) => x.title === title);
  if (!t) throw new Error(`no result for "${title}": ${run.stderr}`);
  return t;
};

test('broken API: each test fails with the cause and the fix, the report attached', async () => {
  // The page's config comes 1 s late, so its API call starts after the title test's own steps have ended: the
  // fixture must wait for the page's network, not only for the requests it already saw (a CI flake, made certain).
  const run = await runSample(CLI, CONFIG, process.cwd(), {
    SAMPLE_API: 'broken',
    SAMPLE_CONFIG_DELAY_MS: '1000',
  });
  expect(run.code, run.stderr).toBe(1);
  for (const title of ['greets the user by name', 'shows the title']) {
    const t = byTitle(run, title);
    expect(t.status).toBe('failed');
    const message = t.errors.find((e) => e.includes('CORS Lens:')) ?? '';
    expect(message).toMatch(/^(Error: )?CORS Lens: 1 CORS failure on http:\/\/localhost:\d+\//);
    expect(message).toMatch(/BLOCKED {2}POST http:\/\/127\.0\.0\.1:\d+\/api\/greeting/);
    expect(message).toContain('preflight-not-handled (preflight)');
    expect(message).toContain('OPTIONS got 405 without CORS headers');
    expect(message).toMatch(/Fix \(headers\): Send these CORS headers for http:\/\/localhost:\d+/);
    const report = t.report as {
      redacted: boolean;
      failures: { code: string; request: { method: string } }[];
    };
    expect(schemaErrors(report)).toBeNull();
    expect(report.redacted).toBe(true);
    expect(report.failures.map((f) => `${f.request.method} ${f.code}`)).toEqual([
      'POST preflight-not-handled',
    ]);
  }
  // The title test's own assertion passes: CORS Lens's error is its only one.
  expect(byTitle(run, 'shows the title').errors).toHaveLength(1);
});

test('fixed API: both tests pass, nothing attached', async () => {
  const run = await runSample(CLI, CONFIG, process.cwd(), { SAMPLE_API: 'fixed' });
  expect(run.code, run.stderr).toBe(0);
  expect(run.tests.map((t) => [t.title, t.status, t.report])).toEqual([
    ['greets the user by name', 'passed', null],
    ['shows the title', 'passed', null],
  ]);
});

test('annotate mode: the test passes and carries the diagnosis', async () => {
  const run = await runSample(
    CLI,
    CONFIG,
    process.cwd(),
    { SAMPLE_API: 'broken', CORS_LENS_MODE: 'annotate' },
    ['--grep', 'shows the title'],
  );
  expect(run.code, run.stderr).toBe(0);
  const t = byTitle(run, 'shows the title');
  expect(t.status).toBe('passed');
  expect(t.annotations.find((a) => a.type === 'cors-lens')?.description).toContain(
    'preflight-not-handled (preflight)',
  );
  expect(t.report).not.toBeNull();
});
