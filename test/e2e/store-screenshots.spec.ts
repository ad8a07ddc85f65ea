// The Chrome Web Store screenshots (1280×800, the store's size), taken from the real panel: the built extension,
// the demo app's calls (demo/) failing in Chromium, the panel opened as an extension page on the demo's tab.
// Written to artifacts/store/; `npm run store:screenshots` writes them to store/screenshots/ for the listing.
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { launchWithExtension, tabIdOf, type Launched } from '../../src/cli/launch.ts';
import { DEMO_CALLS, startDemo, type Demo } from '../../demo/servers.ts';

const OUT = process.env.STORE_SCREENSHOTS_DIR ?? 'artifacts/store';
const SIZE = { width: 1280, height: 800 };

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => {
        resolve(port);
      });
    });
  });

let demo: Demo;
let browser: Launched;
let panel: Page;

test.beforeAll(async () => {
  demo = await startDemo(await freePort(), await freePort());
  browser = await launchWithExtension({ allTabs: true });
  const app = await browser.context.newPage();
  await app.goto(demo.frontendOrigin);
  const sw = browser.serviceWorker;
  if (!sw) throw new Error('no service worker');
  const tabId = await tabIdOf(sw, app.url());
  panel = await browser.context.newPage();
  await panel.setViewportSize(SIZE);
  await panel.goto(`chrome-extension://${browser.extensionId ?? ''}/panel/index.html?tabId=${tabId}`);
  await expect(panel.getByTestId('connection')).toHaveText('Recording');
  await app.evaluate(() =>
    (window as unknown as { runAllDemoCalls: () => Promise<unknown> }).runAllDemoCalls(),
  );
  await expect(panel.getByTestId('row')).toHaveCount(
    DEMO_CALLS.length - (demo.backend.starletteMajor >= 1 ? 1 : 0),
  );
});

test.afterAll(async () => {
  await browser.close();
  await demo.close();
});

async function shoot(path: string, name: string, expected: string): Promise<void> {
  await panel.getByTestId('row').filter({ hasText: path }).dispatchEvent('mousedown');
  await expect(panel.getByTestId('details')).toContainText(expected);
  const png = await panel.screenshot();
  // PNG IHDR: width and height are the big-endian words at bytes 16 and 20.
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([SIZE.width, SIZE.height]);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, name), png);
}

test('store screenshot 1: a preflight nobody answers, with the FastAPI fix', async () => {
  await shoot('/v1/chat', '1-preflight-not-handled.png', 'does not handle the preflight');
});

test('store screenshot 2: the 500 that lost its CORS headers', async () => {
  await shoot('/v4/chat', '2-server-error.png', 'answered 500');
});

test('store screenshot 3: the seed, a credentialed call to a backend without CORS', async () => {
  await shoot('/api/chat', '3-missing-allow-origin.png', 'Access-Control-Allow-Origin');
});
