// A HAR file and a console line from real Chromium, read back (issue #17): every fixture scenario runs in Chromium
// with the extension recording from DevTools; DevTools' own getHAR() is saved as a .har file, and `cors-lens har`
// on it must give the same diagnosis as live capture for every failure. Chrome's console lines of the same run go
// through `cors-lens explain`, which must name the CorsError Chrome reported (the scenario's measured verdict). The
// same log sanitized as Chrome's default export does it must give the same causes and say credentials are unknown.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { diagnose } from '../../src/engine/index.ts';
import { launchWithExtension, type Launched } from '../../src/cli/launch.ts';
import { main } from '../../src/cli/main.ts';
import type { CorsReport } from '../../src/report/index.ts';
import { startFixtureServers, type FixtureServers } from '../fixtures/cors-server.ts';
import { SCENARIOS } from '../fixtures/scenarios.ts';
import { sanitizeLikeChrome } from '../support/har-sanitize.ts';
import { runEveryScenario } from './scenario-run.ts';

let servers: FixtureServers;
let browser: Launched;
let dir: string;

test.beforeAll(async () => {
  servers = await startFixtureServers();
  browser = await launchWithExtension({ allTabs: false });
  dir = mkdtempSync(join(tmpdir(), 'cors-lens-har-'));
});

test.afterAll(async () => {
  await browser.close();
  await servers.close();
  rmSync(dir, { recursive: true, force: true });
});

interface HarLog {
  entries: {
    request: { headers: { name: string; value: string }[] };
    response: { headers: { name: string; value: string }[] };
  }[];
}

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

/** `cors-lens har` (with sensitive values) on the log written to `name`: its JSON report and its notes. */
async function harReport(name: string, log: HarLog): Promise<{ report: CorsReport; err: string }> {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ log }));
  const r = await cli(['har', file, '--json', '--include-sensitive']);
  expect(r.code).toBe(1);
  return { report: JSON.parse(r.out) as CorsReport, err: r.err };
}

const failing = SCENARIOS.filter((s) => s.expect.corsError !== null);

test('DevTools getHAR() → cors-lens har gives live capture’s diagnoses; console lines → explain gives Chrome’s CorsError', async () => {
  test.setTimeout(120_000);
  const lines: string[] = [];
  const { devtools, seen, live, urlOf } = await runEveryScenario(browser, servers, (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') lines.push(m.text());
    });
  });

  // The HAR exactly as DevTools exports it ("Save all as HAR" writes this log), from the panel's chrome.devtools.
  const log = await devtools.evaluate<HarLog>('new Promise((r) => chrome.devtools.network.getHAR(r))');
  const { report, err } = await harReport('chromium.har', log);
  expect(err).toBe('');

  for (const s of seen) {
    const url = urlOf(s);
    const rec = live.find((x) => x.observed.url === url && x.done);
    const liveD = rec ? diagnose(rec.observed) : null;
    const fromHar = report.failures.filter((f) => f.request.url === url);
    expect(fromHar.length, s.id).toBe(liveD?.verdict === 'allowed' ? 0 : 1);
    if (liveD && liveD.verdict !== 'allowed') {
      expect({ id: s.id, code: fromHar[0]?.code, corsError: fromHar[0]?.corsError }).toEqual({
        id: s.id,
        code: liveD.code,
        corsError: liveD.corsError,
      });
    }
  }

  // The same log as Chrome's sanitized export writes it (no Authorization, Cookie, Set-Cookie): the same causes,
  // no credentials mode it did not have before, and the note that whether credentials were sent is unknown.
  const authorized = (r: CorsReport) =>
    r.failures.filter((f) => Object.keys(f.request.headers).some((h) => h.toLowerCase() === 'authorization'));
  expect(authorized(report).length).toBeGreaterThan(0); // the fixture secret, which sanitizing removes
  const sanitized = await harReport('sanitized.har', sanitizeLikeChrome(log));
  expect(sanitized.err).toContain('Whether a failing request carried credentials is unknown');
  expect(authorized(sanitized.report)).toEqual([]);
  const summary = (r: CorsReport) =>
    r.failures.map((f) => [f.request.url, f.code, f.corsError, f.request.credentials]).sort();
  expect(summary(sanitized.report)).toEqual(summary(report));

  // Every Chrome console line of the run names the CorsError Chrome reported for its scenario.
  let explained = 0;
  for (const s of failing) {
    const line = lines.find((l) => l.startsWith('Access to ') && l.includes(`?r=${s.id}'`));
    if (line === undefined) continue; // Chrome prints no line for some (a redirect to data:, no-cors)
    const x = await cli(['explain', line, '--json']);
    expect(x.code, s.id).toBe(0);
    expect((JSON.parse(x.out) as { corsErrors: string[] }).corsErrors, s.id).toEqual([s.expect.corsError]);
    explained++;
  }
  expect(explained).toBeGreaterThan(failing.length / 2);
});
