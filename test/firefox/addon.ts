// The built add-on (dist-firefox/) in real Firefox: installed over BiDi (webExtension.install, a temporary add-on),
// its panel opened as a plain extension page for the fixture page's tab, connected to its background page.
// Opening a moz-extension: page over BiDi needs Firefox's --remote-allow-system-access (docs/firefox.md).
import { resolve } from 'node:path';
import { poll } from '../../src/cli/poll.ts';
import type { Firefox } from './firefox.ts';

/** A fixed moz-extension: host for the add-on (Firefox picks a random one unless this pref names it). */
export const ADDON_UUID = '0b7c5a4e-6d1f-4c43-9a3e-cf1e2d3a4b5c';
const ADDON_ID = 'cors-lens@cors-lens.dev';

export const ADDON_PREFS = {
  'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
};
export const ADDON_ARGS = ['--remote-allow-system-access'];

export interface PanelCheck {
  ok: boolean;
  problem?: string;
}

/** Installs dist-firefox/ and opens its panel for the tab showing `pageUrl`: it must render and connect. */
export async function checkPanel(ff: Firefox, pageUrl: string): Promise<PanelCheck> {
  const id = await ff.browser.installExtension(resolve('dist-firefox'));
  if (id !== ADDON_ID) return { ok: false, problem: `installed as ${id}, not ${ADDON_ID}` };
  const panel = await ff.browser.newPage();
  const open = (tabId: number): Promise<unknown> =>
    // The extension page loads in another process, and puppeteer's load wait never settles for it: poll instead.
    panel
      .goto(`moz-extension://${ADDON_UUID}/panel/index.html?tabId=${String(tabId)}`, { timeout: 3_000 })
      .catch(() => null);
  await open(0);
  // The add-on holds no host access at install (docs/privacy.md), so tabs.query does not tell it tab URLs: it opens
  // the fixture page itself, which needs no permission and gives the tab's id.
  const tabId = await poll(
    () =>
      panel.evaluate(async (url) => {
        const tab = await (
          globalThis as unknown as {
            browser: { tabs: { create(p: object): Promise<{ id?: number }> } };
          }
        ).browser.tabs.create({ url, active: false });
        return tab.id ?? null;
      }, pageUrl),
    10_000,
    "the fixture page's tab id",
  );
  await open(tabId);
  const text = await poll(
    () =>
      panel.evaluate(() =>
        document.querySelector('[data-testid="connection"]')?.textContent === 'Recording'
          ? (document.querySelector('[data-testid="empty"]')?.textContent ?? '')
          : null,
      ),
    10_000,
    'the panel connected to its background page',
  ).catch((e: unknown) => String(e));
  await panel.close();
  return text.startsWith('Reproduce the failing request')
    ? { ok: true }
    : { ok: false, problem: `the panel did not render and connect: ${text}` };
}
