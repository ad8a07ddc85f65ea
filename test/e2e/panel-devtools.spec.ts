// The CORS panel inside real DevTools (headless Chromium, built extension): Copy puts the fix on the clipboard,
// Export downloads a schema-valid JSON report and a Markdown report naming the cause, neither carrying the
// fixture requests' Authorization secret, axe finds nothing, and both themes are captured as artifacts.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { launchWithExtension, type Launched } from '../../src/cli/launch.ts';
import { poll } from '../../src/cli/poll.ts';
import { clickInPanel, openCorsPanel, type DevToolsPanel } from '../support/devtools.ts';
import { startFixtureServers, type FixtureServers } from '../fixtures/cors-server.ts';
import {
  AXE_INJECT,
  PANEL_SCENARIOS,
  SECRET,
  axeExpression,
  runScenarios,
  schemaErrors,
} from './panel-helpers.ts';

let servers: FixtureServers;
let browser: Launched;
let page: Page;
let panel: DevToolsPanel;
const TOKEN_URL = () => `${servers.urlOf('missing-acao')}?access_token=${SECRET}0123456789abcdef`;

async function waitForFile(dir: string, suffix: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const name = readdirSync(dir).find((f) => f.endsWith(suffix));
    if (name) return readFileSync(join(dir, name), 'utf8');
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${suffix} download in ${dir}`);
}

async function screenshot(name: string): Promise<void> {
  await panel.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  const shot = (await panel.frontend.send('Page.captureScreenshot', { format: 'png' })) as { data: string };
  mkdirSync('artifacts', { recursive: true });
  writeFileSync(`artifacts/${name}.png`, Buffer.from(shot.data, 'base64'));
}

test.beforeAll(async () => {
  servers = await startFixtureServers();
  browser = await launchWithExtension();
  page = await browser.context.newPage();
  await page.goto(`${servers.pageOrigin}/`);
  panel = await openCorsPanel(browser.context, page, browser.extensionId ?? '');
  await runScenarios(page, servers);
  // A secret in the URL: the actual request is sent (and captured), unlike Authorization, which a failing preflight stops.
  await page.evaluate(
    (u) =>
      (window as unknown as { corsLensRun: (u: string, i: object) => Promise<unknown> }).corsLensRun(u, {}),
    TOKEN_URL(),
  );
  await panel.waitFor(
    `document.querySelectorAll('[data-testid="row"]').length === ${PANEL_SCENARIOS.length}`,
    20_000,
  );
  await panel.waitFor(`document.querySelector('[data-testid="row"]').textContent.includes('access_token')`);
  await panel.evaluate(
    `document.querySelector('[data-testid="row"]').dispatchEvent(new MouseEvent('mousedown', { bubbles: true }))`,
  );
  await panel.waitFor(
    `document.querySelector('[data-testid="details"]')?.textContent.includes('MissingAllowOriginHeader')`,
  );
});

test.afterAll(async () => {
  await browser.close();
  await servers.close();
});

test('Copy puts the tailored fix snippets on the clipboard', async () => {
  // Every snippet the fix view shows (a preflight and a response part, for some backends), in order.
  const snippet = await panel.evaluate<string>(
    `[...document.querySelectorAll('.fix .snippet-block pre.snippet')].map((p) => p.textContent).join('\\n\\n')`,
  );
  expect(snippet).toContain(servers.pageOrigin);
  await clickInPanel(panel.browserSession, panel.panelTargetId, '[data-testid="copy-fix"]');
  await panel.waitFor(`document.querySelector('.fix [role="status"]').textContent === 'Fix copied'`);
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: servers.pageOrigin,
  });
  await page.bringToFront();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
});

test('Export downloads schema-valid JSON and Markdown naming the cause, with no secret in either', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-downloads-'));
  await panel.browserSession.send(
    'Browser.setDownloadBehavior' as never,
    { behavior: 'allow', downloadPath: dir } as never,
  );
  await clickInPanel(panel.browserSession, panel.panelTargetId, '[data-testid="export-all-json"]');
  const json = await waitForFile(dir, '.json');
  await clickInPanel(panel.browserSession, panel.panelTargetId, '[data-testid="export-all-md"]');
  const md = await waitForFile(dir, '.md');
  const report = JSON.parse(json) as {
    failures: { code: string }[];
    pageUrl: string | null;
    browser: string | null;
  };
  expect(schemaErrors(report)).toBeNull();
  expect(report.failures.map((f) => f.code)).toContain('MissingAllowOriginHeader');
  expect(report.pageUrl).toBe(page.url());
  expect(report.browser).toMatch(/^Chromium \d+$/);
  // The panel shows the evidence as captured (local only); the exports carry it redacted.
  expect(
    await panel.evaluate<string>(`document.querySelector('[data-testid="details"]').textContent`),
  ).toContain(SECRET);
  expect(json).toContain('access_token=[REDACTED]');
  expect(md).toContain('MissingAllowOriginHeader');
  expect(md).toContain('does not allow');
  for (const text of [json, md]) expect(text).not.toContain(SECRET);
});

test('axe-core: no violations on the list and the details inside DevTools', async () => {
  expect(await panel.evaluate(AXE_INJECT)).toBe('object');
  expect(await panel.evaluate(axeExpression('.list'))).toEqual([]);
  expect(await panel.evaluate(axeExpression('[data-testid="details"]'))).toEqual([]);
});

test('follows the DevTools theme: light and dark screenshots', async () => {
  expect(await panel.evaluate('document.documentElement.dataset.theme')).toBe('light');
  await screenshot('panel-devtools-light');
  await panel.frontend.evaluate(
    `(async () => (await import('./core/common/common.js')).Settings.Settings.instance().moduleSetting('ui-theme').set('dark'))()`,
  );
  await panel.waitFor(`document.documentElement.dataset.theme === 'dark'`);
  await screenshot('panel-devtools-dark');
});

test('Copy test puts the regression test for the selected request and backend on the clipboard', async () => {
  const url = servers.urlOf('authorization-not-allowed');
  await panel.evaluate(
    `[...document.querySelectorAll('[data-testid="row"]')].find((r) => r.textContent.includes('/s/authorization-not-allowed')).dispatchEvent(new MouseEvent('mousedown', { bubbles: true }))`,
  );
  await panel.waitFor(
    `document.querySelector('[data-testid="details"]')?.textContent.includes('HeaderDisallowedByPreflightResponse')`,
  );
  const copied = async (): Promise<{ label: string; text: string }> => {
    const label = await panel.evaluate<string>(
      `document.querySelector('[data-testid="copy-test"]').textContent`,
    );
    await page.bringToFront();
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await clickInPanel(panel.browserSession, panel.panelTargetId, '[data-testid="copy-test"]');
    await panel.waitFor(`document.querySelector('.fix [role="status"]').textContent === 'Test copied'`);
    await page.bringToFront();
    const text = await poll(
      () => page.evaluate(() => navigator.clipboard.readText()),
      10_000,
      'the copied test',
    );
    return { label, text };
  };
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: servers.pageOrigin,
  });
  // Express: node --test, for this origin, method, path and the page's Authorization header (its value never copied).
  await panel.evaluate(
    `(() => { const s = document.querySelector('.fix select'); s.value = 'express'; s.dispatchEvent(new Event('change', { bubbles: true })); })()`,
  );
  await panel.waitFor(`document.querySelector('.fix select').value === 'express'`);
  const node = await copied();
  expect(node.label).toBe('Copy test');
  expect(node.text).toContain(`const ORIGIN = '${servers.pageOrigin}';`);
  expect(node.text).toContain(`const BASE = (process.env.CORS_LENS_BASE_URL || '${new URL(url).origin}')`);
  expect(node.text).toContain("const PATH = '/s/authorization-not-allowed?t=e2e';");
  expect(node.text).toContain("const METHOD = 'GET';");
  expect(node.text).toContain("const REQUEST_HEADERS = 'authorization';");
  expect(node.text).toContain('const PREFLIGHT = true;');
  expect(node.text).not.toContain('sk-live');
  // nginx has no test runner of its own: the button says it copies the routes file `cors-lens audit` replays.
  await panel.evaluate(
    `(() => { const s = document.querySelector('.fix select'); s.value = 'nginx'; s.dispatchEvent(new Event('change', { bubbles: true })); })()`,
  );
  await panel.waitFor(
    `document.querySelector('[data-testid="copy-test"]').textContent.includes('routes file')`,
  );
  const routes = await copied();
  expect(routes.label).toBe('Copy test (routes file for cors-lens audit)');
  expect(routes.text).toContain(`--origin '${servers.pageOrigin}' --routes cors-regression.routes`);
  expect(routes.text.trim().split('\n').at(-1)).toBe(
    'GET /s/authorization-not-allowed?t=e2e credentials auth=bearer',
  );
});
