// The built panel opened as a plain extension page (chrome-extension://<id>/panel/index.html?tabId=<n>) against
// the real service worker and a fixture page in another tab: layout, keyboard, export download, axe, themes.
// Without DevTools there is no DevTools log to record from, so "Record all tabs" (webRequest) is on.
import { mkdirSync, readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { launchWithExtension, type Launched } from '../../src/cli/launch.ts';
import { startFixtureServers, type FixtureServers } from '../fixtures/cors-server.ts';
import {
  AXE_INJECT,
  PANEL_SCENARIOS,
  SECRET,
  axeExpression,
  runScenarios,
  schemaErrors,
  tabIdOf,
  watchConnection,
} from './panel-helpers.ts';

const fail = (why: string): never => {
  throw new Error(why);
};

let servers: FixtureServers;
let browser: Launched;
let app: Page;
let panel: Page;

test.beforeAll(async () => {
  servers = await startFixtureServers();
  browser = await launchWithExtension({ allTabs: true });
  app = await browser.context.newPage();
  await app.goto(`${servers.pageOrigin}/`);
  const tabId = await tabIdOf(browser.serviceWorker ?? fail('no service worker'), app);
  panel = await browser.context.newPage();
  await panel.setViewportSize({ width: 1200, height: 700 });
  await panel.goto(`chrome-extension://${browser.extensionId}/panel/index.html?tabId=${tabId}`);
  await expect(panel.getByTestId('empty')).toHaveText(
    'Reproduce the failing request: CORS Lens records while DevTools is open.',
  );
  await expect(panel.getByTestId('connection')).toHaveText('Recording');
  await runScenarios(app, servers);
  await expect(panel.getByTestId('row')).toHaveCount(PANEL_SCENARIOS.length);
});

test.afterAll(async () => {
  await browser.close();
  await servers.close();
});

test('rows have a fixed DevTools height and do not move when more rows stream in', async () => {
  const rows = panel.getByTestId('row');
  const before = await rows.first().boundingBox();
  expect(before?.height).toBe(22);
  await runScenarios(app, servers, ['invalid-acao'], 'stream');
  await expect(rows).toHaveCount(PANEL_SCENARIOS.length + 1);
  expect(await rows.first().boundingBox()).toEqual(before);
  const tops = await rows.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
  expect(tops).toEqual([...tops].sort((a, b) => a - b));
  expect(new Set(tops).size).toBe(tops.length);
  const toolbar = await panel.getByRole('toolbar').boundingBox();
  expect(toolbar?.height).toBeLessThanOrEqual(28); // one line, never wraps
  await expect(rows.first()).toContainText('GET');
  await expect(rows.first()).toContainText(`${servers.urlOf('missing-acao')}?t=e2e`);
  await expect(rows.first()).toContainText('MissingAllowOriginHeader');
});

test('keyboard: arrows select with a visible focus, Enter moves to the details', async () => {
  const grid = panel.getByRole('grid');
  await grid.focus();
  await panel.keyboard.press('ArrowDown');
  await panel.keyboard.press('ArrowDown');
  const selected = panel.locator('[data-testid="row"][aria-selected="true"]');
  await expect(selected).toContainText('wrong-origin');
  const colours = await selected.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(colours).not.toBe('rgba(0, 0, 0, 0)');
  await panel.keyboard.press('Enter');
  await expect(panel.locator('#details-title')).toBeFocused();
  await expect(panel.getByTestId('details')).toContainText('AllowOriginMismatch');
  await panel.keyboard.press('Tab');
  const outline = await panel.evaluate(
    () => getComputedStyle(document.activeElement as Element).outlineStyle,
  );
  expect(outline).not.toBe('none');
});

test('export downloads JSON valid against the schema and Markdown naming the cause, both without secrets', async () => {
  const [json] = await Promise.all([
    panel.waitForEvent('download'),
    panel.getByTestId('export-all-json').click(),
  ]);
  const jsonText = readFileSync(await json.path(), 'utf8');
  expect(json.suggestedFilename()).toMatch(/^cors-lens-report-.*\.json$/);
  expect(schemaErrors(JSON.parse(jsonText))).toBeNull();
  const [md] = await Promise.all([
    panel.waitForEvent('download'),
    panel.getByTestId('export-all-md').click(),
  ]);
  const mdText = readFileSync(await md.path(), 'utf8');
  expect(mdText).toContain('MissingAllowOriginHeader');
  expect(mdText).toContain('HeaderDisallowedByPreflightResponse');
  for (const text of [jsonText, mdText]) expect(text).not.toContain(SECRET);
});

test('axe-core finds no violations on the list and the details, in both themes', async () => {
  mkdirSync('artifacts', { recursive: true });
  const base = panel.url().replace(/&theme=.*$/, '');
  for (const theme of ['light', 'dark']) {
    await panel.goto(`${base}&theme=${theme}`);
    await panel.getByTestId('row').nth(2).dispatchEvent('mousedown');
    await expect(panel.getByTestId('details')).toBeVisible();
    expect(await panel.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
    expect(await panel.evaluate(AXE_INJECT)).toBe('object');
    expect(await panel.evaluate(axeExpression('.list'))).toEqual([]);
    expect(await panel.evaluate(axeExpression('[data-testid="details"]'))).toEqual([]);
    await panel.screenshot({ path: `artifacts/panel-page-${theme}.png` });
  }
});

test('recovers when the service worker stops: reconnects and re-snapshots the same rows', async () => {
  const before = await panel.getByTestId('row').count();
  const states = await watchConnection(panel);
  const cdp = await panel.context().newCDPSession(panel);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(states).toEqual(['Reconnecting…', 'Recording']);
  await expect(panel.getByTestId('row')).toHaveCount(before);
  await runScenarios(app, servers, ['null-acao'], 'after-restart');
  await expect(panel.getByTestId('row')).toHaveCount(before + 1);
});
