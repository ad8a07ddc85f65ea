// "Open HAR…" and drag and drop in the built extension's real panel page (issue #17). A real HAR: every fixture
// scenario run in Chromium with DevTools open, DevTools' own getHAR() saved to a file. Opened with the button (the
// browser's file chooser) and dropped (a real DataTransfer), the panel must show one row per failure with the cause
// live capture gave the same request. Hostile files (not JSON, not a HAR, another version, truncated, over the
// limit, script-like strings, huge headers, `__proto__` keys) → their error or their rows as text, nothing lost.
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { diagnose } from '../../src/engine/index.ts';
import { launchWithExtension, type Launched } from '../../src/cli/launch.ts';
import { startFixtureServers, type FixtureServers } from '../fixtures/cors-server.ts';
import { tabIdOf } from './capture-helpers.ts';
import { runEveryScenario } from './scenario-run.ts';

let servers: FixtureServers;
let browser: Launched;
let dir: string;
let panel: Page;
let harFile: string;
/** Scenario id → the cause live capture diagnosed, for every failure the HAR holds. */
const liveCauses = new Map<string, string>();

test.beforeAll(async () => {
  test.setTimeout(150_000);
  servers = await startFixtureServers();
  browser = await launchWithExtension({ allTabs: false });
  dir = mkdtempSync(join(tmpdir(), 'cors-lens-panel-har-'));
  const sw = browser.serviceWorker;
  if (!sw) throw new Error('no service worker');

  // The real HAR, and live capture's diagnoses of the same requests.
  const { devtools, seen, live, urlOf } = await runEveryScenario(browser, servers);
  for (const s of seen) {
    const rec = live.find((r) => r.observed.url === urlOf(s) && r.done);
    const d = rec ? diagnose(rec.observed) : null;
    if (d && d.verdict !== 'allowed') liveCauses.set(s.id, d.code);
  }
  const log = await devtools.evaluate<object>('new Promise((r) => chrome.devtools.network.getHAR(r))');
  harFile = join(dir, 'customer "export" <b>.har');
  writeFileSync(harFile, JSON.stringify({ log }));

  // The panel page for a tab with nothing recorded: every row it shows comes from the file.
  const blank = await browser.context.newPage();
  await blank.goto(`${servers.pageOrigin}/?blank`);
  const blankTab = await tabIdOf(sw, blank);
  panel = await browser.context.newPage();
  await panel.setViewportSize({ width: 1400, height: 1400 }); // every row in the virtual list's window
  await panel.goto(
    `chrome-extension://${browser.extensionId ?? ''}/panel/index.html?tabId=${String(blankTab)}`,
  );
  await expect(panel.getByTestId('connection')).toHaveText('Recording');
});

test.afterAll(async () => {
  await browser.close();
  await servers.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openWithButton(file: string | { name: string; mimeType: string; buffer: Buffer }) {
  const [chooser] = await Promise.all([
    panel.waitForEvent('filechooser'),
    panel.getByRole('button', { name: 'Open HAR…' }).click(),
  ]);
  await chooser.setFiles(file);
}

/** Each visible row's scenario id (from `?r=`) and cause. */
const rowsShown = (): Promise<[string, string][]> =>
  panel
    .getByTestId('row')
    .evaluateAll((rows) =>
      rows.map((r) => [
        /[?&]r=([\w-]+)/.exec(r.querySelector('.url')?.textContent ?? '')?.[1] ?? '',
        (r.querySelector('.cause')?.firstChild?.textContent ?? '').trim(),
      ]),
    );

async function expectTheFileShown(name: string): Promise<void> {
  await expect(panel.getByTestId('har-name')).toHaveText(name, { timeout: 30_000 });
  await expect(panel.getByTestId('row')).toHaveCount(liveCauses.size);
  expect(new Map(await rowsShown())).toEqual(liveCauses);
  await expect(panel.getByTestId('counts')).toContainText(`requests from ${name}`);
}

test('Open HAR… shows every failure of a real Chromium HAR with live capture’s cause; Back to live empties it', async () => {
  expect(liveCauses.size).toBeGreaterThan(30);
  await expect(panel.getByTestId('row')).toHaveCount(0);
  await openWithButton(harFile);
  await expectTheFileShown('customer "export" <b>.har');
  await expect(panel.getByTestId('har-shown')).toContainText('WebInspector');
  await expect(panel.locator('b')).toHaveCount(0); // the file name is text
  // A failure's details and fix, as for a captured record.
  await panel.getByTestId('row').first().dispatchEvent('mousedown');
  await expect(panel.locator('.details-pane h2')).toBeVisible();
  await panel.getByRole('button', { name: 'Back to live capture' }).click();
  await expect(panel.getByTestId('har-shown')).toHaveCount(0);
  await expect(panel.getByTestId('row')).toHaveCount(0);
});

test('a dropped HAR (real DataTransfer) gives the same; the overlay shows while a file is dragged over', async () => {
  const text = readFileSync(harFile, 'utf8');
  const transfer = await panel.evaluateHandle((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'dropped.har', { type: 'application/json' }));
    return dt;
  }, text);
  const target = panel.getByTestId('har-drop');
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await expect(panel.getByText('Drop a HAR file (up to 100 MB) to diagnose its CORS failures')).toBeVisible();
  await target.dispatchEvent('drop', { dataTransfer: transfer });
  await expectTheFileShown('dropped.har');
  await expect(panel.getByText('Drop a HAR file (up to 100 MB)')).toHaveCount(0);
});

test('hostile files: each gets its error, the file shown stays, and nothing from a file runs', async () => {
  await expect(panel.getByTestId('har-name')).toHaveText('dropped.har');
  const real = readFileSync(harFile, 'utf8');
  const big = join(dir, 'big.har');
  writeFileSync(big, '{');
  truncateSync(big, 101 * 1024 * 1024); // sparse: the size is refused before a byte is read
  const cases: [string | { name: string; mimeType: string; buffer: Buffer }, string][] = [
    [
      { name: 'notes.har', mimeType: 'text/plain', buffer: Buffer.from('hello, not JSON') },
      'Could not open notes.har: not a HAR file: it does not start with a JSON object',
    ],
    [
      { name: 'other.har', mimeType: 'application/json', buffer: Buffer.from('{"items": [1, 2, 3]}') },
      'Could not open other.har: not a HAR file: it has no log.entries array',
    ],
    [
      {
        name: 'v3.har',
        mimeType: 'application/json',
        buffer: Buffer.from('{"log": {"version": "3.0", "entries": []}}'),
      },
      'Could not open v3.har: HAR version "3.0" is not supported (1.2 and 1.1 are)',
    ],
    [
      { name: 'cut.har', mimeType: 'application/json', buffer: Buffer.from(real.slice(0, real.length / 2)) },
      'Could not open cut.har: the HAR file is truncated (its JSON does not close)',
    ],
    [big, 'Could not open big.har: it is 101 MB, and the panel opens HAR files up to 100 MB'],
  ];
  for (const [file, message] of cases) {
    await openWithButton(file);
    await expect(panel.getByTestId('har-error')).toContainText(message, { timeout: 30_000 });
    await expect(panel.getByTestId('har-error')).toContainText('Nothing shown was changed.');
    await expect(panel.getByTestId('har-name')).toHaveText('dropped.har');
    await expect(panel.getByTestId('row')).toHaveCount(liveCauses.size);
  }

  // Malicious strings: script-like values, `__proto__` keys, a 1 MB header. Shown as text, never run.
  const script = `<img src=x onerror="document.title='pwned'">`;
  const entry = {
    startedDateTime: '2026-01-01T00:00:00.000Z',
    __proto__: { polluted: true },
    request: {
      method: 'GET',
      url: `${servers.urlOf('missing-acao')}?r=${encodeURIComponent(script)}`,
      headers: [
        { name: 'Origin', value: servers.pageOrigin },
        { name: '__proto__', value: script },
      ],
    },
    response: {
      status: 200,
      headers: [
        { name: 'x-huge', value: 'A'.repeat(1024 * 1024) },
        { name: 'constructor', value: script },
      ],
      _error: 'net::ERR_FAILED',
    },
    _resourceType: 'fetch',
  };
  const hostile = JSON.stringify({
    log: { version: '1.2', creator: { name: script }, entries: [entry] },
  }).replace('"request":', '"__proto__": {"polluted": true}, "request":');
  await openWithButton({ name: `${script}.har`, mimeType: 'application/json', buffer: Buffer.from(hostile) });
  await expect(panel.getByTestId('har-shown')).toContainText(script);
  await expect(panel.getByTestId('row')).toHaveCount(1);
  await expect(panel.getByTestId('row')).toContainText('MissingAllowOriginHeader');
  await panel.getByTestId('row').dispatchEvent('mousedown');
  await expect(panel.locator('.details-pane')).toContainText('x-huge');
  await expect(panel.locator('img')).toHaveCount(0);
  expect(await panel.title()).not.toBe('pwned');
  expect(await panel.evaluate(() => 'polluted' in {})).toBe(false);
  // Clear goes back to live, and the panel still works.
  await panel.getByRole('button', { name: 'Clear' }).click();
  await expect(panel.getByTestId('har-shown')).toHaveCount(0);
  await expect(panel.getByTestId('empty')).toBeVisible();
});
