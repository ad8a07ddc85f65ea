// The panel's paste box (issue #17), in the built extension's real panel page: console lines of the three browsers
// pasted → the causes and the `cors-lens check` command; hostile or foreign text → a clear message, nothing run.
import { test, expect, type Page } from '@playwright/test';
import { launchWithExtension, tabIdOf, type Launched } from '../../src/cli/launch.ts';
import { startFixtureServers, type FixtureServers } from '../fixtures/cors-server.ts';

let servers: FixtureServers;
let browser: Launched;
let panel: Page;

test.beforeAll(async () => {
  servers = await startFixtureServers();
  browser = await launchWithExtension({ allTabs: false });
  const app = await browser.context.newPage();
  await app.goto(`${servers.pageOrigin}/`);
  const sw = browser.serviceWorker;
  if (!sw) throw new Error('no service worker');
  const tabId = await tabIdOf(sw, app);
  panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId ?? ''}/panel/index.html?tabId=${String(tabId)}`);
  await expect(panel.getByTestId('connection')).toHaveText('Recording');
});

test.afterAll(async () => {
  await browser.close();
  await servers.close();
});

const paste = async (text: string): Promise<void> => {
  const box = panel.getByRole('textbox', { name: 'Or paste a CORS error from any browser’s console:' });
  await box.fill('');
  await box.fill(text);
};
const codes = () =>
  panel
    .getByTestId('explain-result')
    .locator('li')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));

test('a Firefox line: its cause, narrowed by the status, and the check command', async () => {
  await paste(
    'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/items. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 500.',
  );
  await expect(panel.getByTestId('explain-result')).toContainText('Firefox');
  expect(await codes()).toEqual([
    'server-error-without-cors',
    'MissingAllowOriginHeader',
    'PreflightMissingAllowOriginHeader',
  ]);
  await expect(panel.getByTestId('explain-command')).toHaveText(
    /^cors-lens check https:\/\/api\.example\.com\/items/,
  );
});

test("Safari's line leaves a missing and a mismatched ACAO both open", async () => {
  await paste('Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin. Status code: 200');
  await expect(panel.getByTestId('explain-result')).toContainText('Safari: one of these causes');
  const open = await codes();
  expect(open).toContain('MissingAllowOriginHeader');
  expect(open).toContain('AllowOriginMismatch');
});

test('hostile or foreign text: a clear message, rendered as text, and the panel keeps working', async () => {
  await paste('<img src=x onerror="document.title=\'pwned\'"> not a CORS line');
  await expect(panel.getByTestId('explain-error')).toContainText('Not a CORS message');
  await expect(panel.locator('img')).toHaveCount(0);
  expect(await panel.title()).not.toBe('pwned');
  // A line whose URL carries shell syntax: the command quotes it, never runs it.
  await paste(
    "Access to fetch at 'https://api.example.com/$(touch /tmp/x)' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
  );
  const command = (await panel.getByTestId('explain-command').textContent()) ?? '';
  expect(command).toContain("check 'https://api.example.com/$(touch%20/tmp/x)' --origin"); // single-quoted
  await expect(panel.getByTestId('empty')).toBeVisible();
});
