// The built panel's Kind column and kind filter, against the real service worker: a font, a module script and a
// fetch() that each failed CORS, in one tab. Until capture records fonts and scripts (issue #12, capture side), the
// three exchanges are handed to the worker exactly as the devtools page hands over DevTools' log: a `devtools:<tab>`
// port carrying DevtoolsExchange messages (src/shared/protocol.ts). Everything after that port is the product's path:
// the tab store's merge, the panel protocol, the engine's diagnosis, the list, the filter, the keyboard.
import { test, expect, type Page } from '@playwright/test';
import { launchWithExtension, tabIdOf, type Launched } from '../../src/cli/launch.ts';
import type { CapturedExchange } from '../../src/shared/exchange.ts';
import { PROTOCOL_VERSION, SOURCE, devtoolsPortName, type HeaderPair } from '../../src/shared/protocol.ts';
import { startFixtureServers, type FixtureServers } from '../fixtures/cors-server.ts';

let servers: FixtureServers;
let browser: Launched;
let panel: Page;

const pairs = (h: Record<string, string>): HeaderPair[] =>
  Object.entries(h).map(([name, value]) => ({ name, value }));

/** A GET that got a 200 without Access-Control-Allow-Origin: Chrome's MissingAllowOriginHeader, for any kind. */
function failed(
  key: string,
  kind: CapturedExchange['kind'],
  url: string,
  response: Record<string, string>,
  tabId: number,
): CapturedExchange<HeaderPair[]> {
  const request = pairs({ origin: servers.pageOrigin, accept: '*/*' });
  return {
    key,
    tabId,
    frameId: null,
    kind,
    pageOrigin: servers.pageOrigin,
    startedAt: Date.now(),
    endedAt: Date.now() + 5,
    request: { url, method: 'GET', headers: request },
    preflight: null,
    hops: [{ url, method: 'GET', requestHeaders: request, status: 200, responseHeaders: pairs(response) }],
    error: 'net::ERR_FAILED',
    callSite: null,
  };
}

/** Runs in the panel page (an extension page): the devtools page's side of the port. */
function sendAsDevtools([portName, envelopes]: [string, unknown[]]): Promise<void> {
  return new Promise((resolve) => {
    const port = chrome.runtime.connect({ name: portName });
    port.onMessage.addListener((env: { msg?: { type?: string; upTo?: number } }) => {
      // The worker acknowledges once the last exchange is in storage; keep the port (the tab stays recorded).
      if (env.msg?.type === 'stored' && env.msg.upTo === envelopes.length) resolve();
    });
    for (const e of envelopes) port.postMessage(e);
  });
}

test.beforeAll(async () => {
  servers = await startFixtureServers();
  browser = await launchWithExtension();
  const app = await browser.context.newPage();
  await app.goto(`${servers.pageOrigin}/`);
  const tabId = await tabIdOf(browser.serviceWorker ?? fail('no service worker'), app);
  panel = await browser.context.newPage();
  await panel.setViewportSize({ width: 1200, height: 700 });
  await panel.goto(`chrome-extension://${browser.extensionId ?? ''}/panel/index.html?tabId=${tabId}`);
  await expect(panel.getByTestId('connection')).toHaveText('Recording');
  const api = servers.apiOrigin;
  const exchanges = [
    failed(
      'f',
      'font',
      `${api}/fonts/brand.woff2`,
      { server: 'nginx/1.26.3', 'content-type': 'font/woff2' },
      tabId,
    ),
    failed(
      's',
      'script',
      `${api}/static/app.mjs`,
      { server: 'AmazonS3', 'content-type': 'text/javascript' },
      tabId,
    ),
    failed('x', 'fetch', `${api}/v1/items`, { 'content-type': 'application/json' }, tabId),
  ];
  const envelopes = exchanges.map((exchange, i) => ({
    source: SOURCE,
    v: PROTOCOL_VERSION,
    msg: { type: 'exchange', tabId, n: i + 1, exchanges: [exchange] },
  }));
  await panel.evaluate(sendAsDevtools, [devtoolsPortName(tabId), envelopes] as [string, unknown[]]);
  await expect(panel.getByTestId('row')).toHaveCount(3);
});

function fail(why: string): never {
  throw new Error(why);
}

test.afterAll(async () => {
  await browser.close();
  await servers.close();
});

test('each failure shows its kind in the Kind column, with what made it on hover', async () => {
  await expect(panel.getByRole('columnheader', { name: 'Kind' })).toBeVisible();
  const rows = panel.getByTestId('row');
  const byPath = (p: string) => rows.filter({ hasText: p }).getByTestId('kind');
  await expect(byPath('/fonts/brand.woff2')).toHaveText('font');
  await expect(byPath('/static/app.mjs')).toHaveText('script');
  await expect(byPath('/v1/items')).toHaveText('fetch');
  await expect(byPath('/fonts/brand.woff2')).toHaveAttribute('title', /web font/);
  for (const p of ['/fonts/brand.woff2', '/static/app.mjs', '/v1/items'])
    await expect(rows.filter({ hasText: p })).toContainText('MissingAllowOriginHeader');
});

test('the kind filter narrows the list from the keyboard and says how many are shown', async () => {
  const filter = panel.getByRole('combobox', { name: 'Filter by kind' });
  await expect(filter.locator('option')).toHaveText(['All kinds', 'fetch (1)', 'font (1)', 'script (1)']);
  await filter.focus();
  await panel.keyboard.press('ArrowDown'); // fetch
  await panel.keyboard.press('ArrowDown'); // font
  await expect(filter).toHaveValue('font');
  const rows = panel.getByTestId('row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('/fonts/brand.woff2');
  await expect(panel.getByTestId('counts')).toHaveText('1 shown · 3 requests recorded');
  await panel.keyboard.press('ArrowDown'); // script
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('/static/app.mjs');
  await panel.keyboard.press('Home');
  await expect(filter).toHaveValue('all');
  await expect(rows).toHaveCount(3);
  const toolbar = await panel.getByRole('toolbar').boundingBox();
  expect(toolbar?.height).toBeLessThanOrEqual(28); // still one line
});

test('the fix speaks to the destination: nginx serving the font files, S3/CloudFront serving the script', async () => {
  const fix = panel.getByRole('region', { name: 'Fix' });
  await panel.getByTestId('row').filter({ hasText: '/fonts/brand.woff2' }).dispatchEvent('mousedown');
  await expect(fix).toContainText('location ~* \\.(?:woff2|woff|ttf|otf|eot)$');
  await expect(fix).toContainText('add_header Vary Origin always;');
  await expect(fix).toContainText('needs the crossorigin attribute');
  await panel.getByTestId('row').filter({ hasText: '/static/app.mjs' }).dispatchEvent('mousedown');
  await expect(fix).toContainText('create-response-headers-policy');
  await expect(fix).toContainText('"OriginOverride": true');
  await panel.getByTestId('row').filter({ hasText: '/v1/items' }).dispatchEvent('mousedown');
  await expect(fix).not.toContainText('create-response-headers-policy');
});
