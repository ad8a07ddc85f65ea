// The Kind column, its hover text, the keyboard kind filter and the destination-specific fix, on the real path: a
// page on loopback loads a web font, a module script, a crossorigin image and stylesheet and a fetch() from an asset
// origin that sends no Access-Control-Allow-Origin (each also from one that allows it, which must stay out of the
// list), with real DevTools open on the built extension's CORS panel in the default mode (DevTools' network log).
// The asset server names itself nginx for the font and Amazon S3 for the script, as a CDN or bucket would.
// Chromium's own verdicts are read over CDP in the same run: the panel must list exactly what Chromium refused.
import { test, expect } from '@playwright/test';
import { launchWithExtension, type Launched } from '../../src/cli/launch.ts';
import { DESTINATIONS, startDestinationServers, type DestinationServers } from '../fixtures/destinations.ts';
import { openCorsPanel, pressInPanel, type DevToolsPanel } from '../support/devtools.ts';
import { poll, recordsOf, untilInspected } from './capture-helpers.ts';
import { chromeVerdicts } from './destinations-cdp.ts';

const IDS = ['font', 'module', 'img-anon', 'style', 'fetch'];
const SERVER: Readonly<Record<string, string>> = { font: 'nginx/1.26.3', module: 'AmazonS3' };
const ROW = (id: string) => `/refused/${id}`;

let servers: DestinationServers;
let browser: Launched;
let panel: DevToolsPanel;
let recorded: () => Promise<number>;

/** An expression over the row whose URL ends with `path`. */
const row = (path: string) =>
  `[...document.querySelectorAll('[data-testid="row"]')].find((r) => r.textContent.includes(${JSON.stringify(path)}))`;
const rowTexts = () =>
  panel.evaluate<string[]>(`[...document.querySelectorAll('[data-testid="row"]')].map((r) => r.textContent)`);
const FILTER = '[data-testid="kind-filter"]';

test.beforeAll(async () => {
  servers = await startDestinationServers({
    only: IDS,
    variants: ['refused', 'allowed'],
    serverOf: (d) => SERVER[d.id],
  });
  browser = await launchWithExtension();
  const sw = browser.serviceWorker;
  if (!sw) throw new Error('no service worker');
  const page = await browser.context.newPage();
  await page.goto(servers.startUrl);
  panel = await openCorsPanel(browser.context, page, browser.extensionId ?? '');
  const tabId = await untilInspected(sw, page);
  const { sink } = await chromeVerdicts(page);
  await page.goto(servers.pageUrl, { waitUntil: 'load' });
  const refused = IDS.map((id) => `${servers.assetOrigin}${ROW(id)}`);
  await poll(
    async () => {
      await Promise.resolve();
      return refused.every((u) => sink.failures.some((f) => f.url === u));
    },
    20_000,
    'Chromium to refuse every load without ACAO',
  );
  // What Chromium refused is exactly the loads without ACAO: the allowed controls passed.
  expect(sink.failures.map((f) => f.url).sort()).toEqual([...refused].sort());
  await panel.waitFor(
    `document.querySelectorAll('[data-testid="row"]').length === ${String(IDS.length)}`,
    20_000,
  );
  // Every CORS request of the tab, failed or allowed, as the counts line counts them.
  recorded = async () => (await recordsOf(sw, tabId)).length;
});

test.afterAll(async () => {
  await browser.close();
  await servers.close();
});

test('each failure shows its kind in the Kind column, with what made it on hover', async () => {
  expect(
    await panel.evaluate(`[...document.querySelectorAll('[role="columnheader"]')].map((h) => h.textContent)`),
  ).toContain('Kind');
  expect((await rowTexts()).every((t) => t.includes('MissingAllowOriginHeader'))).toBe(true);
  for (const id of IDS) {
    const kind = DESTINATIONS.find((d) => d.id === id)?.kind;
    const cell = await panel.evaluate<{ text: string; title: string }>(
      `(() => { const k = ${row(ROW(id))}.querySelector('[data-testid="kind"]'); return { text: k.textContent, title: k.title }; })()`,
    );
    expect(cell.text, id).toBe(kind);
    expect(cell.title, id).not.toBe('');
  }
  const title = (id: string) =>
    panel.evaluate<string>(`${row(ROW(id))}.querySelector('[data-testid="kind"]').title`);
  expect(await title('font')).toBe('A web font (@font-face, or a font preload)');
  expect(await title('module')).toMatch(/^A script \(type="module"/);
  expect(await title('img-anon')).toBe('An image with crossorigin');
});

test('the kind filter narrows the list from the keyboard and says how many are shown', async () => {
  const options = () =>
    panel.evaluate<string[]>(`[...document.querySelectorAll('${FILTER} option')].map((o) => o.textContent)`);
  const value = () => panel.evaluate<string>(`document.querySelector('${FILTER}').value`);
  const counts = () => panel.evaluate<string>(`document.querySelector('[data-testid="counts"]').textContent`);
  expect(await options()).toEqual([
    'All kinds',
    'fetch (1)',
    'font (1)',
    'script (1)',
    'stylesheet (1)',
    'image (1)',
  ]);
  await pressInPanel(panel, FILTER, ['ArrowDown', 'ArrowDown']); // fetch, then font
  expect(await value()).toBe('font');
  await panel.waitFor(`document.querySelectorAll('[data-testid="row"]').length === 1`);
  expect(await rowTexts()).toEqual([expect.stringContaining(ROW('font'))]);
  await poll(
    async () => (await counts()) === `1 shown · ${String(await recorded())} requests recorded`,
    10_000,
    'the counts line to say 1 shown of every request recorded',
  );
  await pressInPanel(panel, FILTER, ['ArrowDown']); // script
  await panel.waitFor(`document.querySelector('${FILTER}').value === 'script'`);
  expect(await rowTexts()).toEqual([expect.stringContaining(ROW('module'))]);
  await pressInPanel(panel, FILTER, ['Home']);
  await panel.waitFor(`document.querySelectorAll('[data-testid="row"]').length === ${String(IDS.length)}`);
  expect(await value()).toBe('all');
  const toolbar = await panel.evaluate<number>(
    `document.querySelector('[role="toolbar"]').getBoundingClientRect().height`,
  );
  expect(toolbar).toBeLessThanOrEqual(28); // still one line
});

test('the fix speaks to the destination: nginx serving the font files, S3/CloudFront serving the script', async () => {
  const fixOf = async (id: string, waitFor: string): Promise<string> => {
    await panel.evaluate(`${row(ROW(id))}.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }))`);
    return panel.waitFor<string>(
      `(() => { const t = document.querySelector('.fix')?.textContent ?? ''; return t.includes(${JSON.stringify(waitFor)}) && document.querySelector('[data-testid="details"] .facts dd')?.textContent.includes(${JSON.stringify(ROW(id))}) ? t : null; })()`,
      20_000,
    );
  };
  const font = await fixOf('font', 'location');
  expect(font).toContain('location ~* \\.(?:woff2|woff|ttf|otf|eot)$');
  expect(font).toContain('add_header Vary Origin always;');
  expect(font).toContain('needs the crossorigin attribute');
  const script = await fixOf('module', 'create-response-headers-policy');
  expect(script).toContain('"OriginOverride": true');
  const fetched = await fixOf('fetch', 'Fix');
  expect(fetched).not.toContain('create-response-headers-policy');
  expect(fetched).not.toContain('location ~*');
});
