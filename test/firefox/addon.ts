// The built add-on (dist-firefox/) in real Firefox: installed over BiDi (webExtension.install, a temporary add-on),
// its panel opened as a plain extension page for the fixture page's tab, "Record all tabs" clicked in it as a user
// clicks it, connected to its background page. Opening a moz-extension: page over BiDi needs Firefox's
// --remote-allow-system-access (docs/firefox.md).
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { poll } from '../../src/cli/poll.ts';
import type { Firefox } from './firefox.ts';

/** A fixed moz-extension: host for the add-on (Firefox picks a random one unless this pref names it). */
export const ADDON_UUID = '0b7c5a4e-6d1f-4c43-9a3e-cf1e2d3a4b5c';
const ADDON_ID = 'cors-lens@cors-lens.dev';

export const ADDON_PREFS = {
  'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
  // The permission prompt a click on "Record all tabs" opens is browser UI BiDi cannot answer: granted as "Allow" is.
  'extensions.webextOptionalPermissionPrompts': false,
};
export const ADDON_ARGS = ['--remote-allow-system-access'];

export interface Addon {
  /** The add-on's panel page, showing the fixture page's tab. */
  panel: Page;
  tabId: number;
}

type Ext = {
  browser: {
    tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
    permissions: { contains(p: object): Promise<boolean> };
  };
};

const text = (panel: Page, selector: string): Promise<string | null> =>
  panel.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);

/** Installs dist-firefox/, opens its panel, turns on "Record all tabs" with a real click and shows the tab of
 * `pageUrl` (already open): the panel must render, connect, and record without a browser restart. */
export async function openAddon(ff: Firefox, pageUrl: string): Promise<Addon> {
  const id = await ff.browser.installExtension(resolve('dist-firefox'));
  if (id !== ADDON_ID) throw new Error(`installed as ${id}, not ${ADDON_ID}`);
  const panel = await ff.browser.newPage();
  const open = (tabId: number): Promise<unknown> =>
    // The extension page loads in another process, and puppeteer's load wait never settles for it: poll instead.
    panel
      .goto(`moz-extension://${ADDON_UUID}/panel/index.html?tabId=${String(tabId)}`, { timeout: 3_000 })
      .catch(() => null);
  await open(0);
  await poll(() => text(panel, '[data-testid="connection"]'), 10_000, 'the panel rendered');
  await panel.click('::-p-text(Record all tabs)');
  await poll(
    () =>
      panel.evaluate(
        async () =>
          (await (globalThis as unknown as Ext).browser.permissions.contains({
            permissions: ['webRequest'],
            origins: ['<all_urls>'],
          })) || null,
      ),
    10_000,
    '"Record all tabs" granted by the click',
  );
  // With <all_urls> held, tabs.query sees tab URLs (a match pattern cannot name the fixture's port).
  const tabId = await poll(
    () =>
      panel.evaluate(
        async (url) =>
          (await (globalThis as unknown as Ext).browser.tabs.query({})).find((t) => t.url?.startsWith(url))
            ?.id ?? null,
        pageUrl,
      ),
    10_000,
    "the fixture page's tab id",
  );
  await open(tabId);
  const empty = await poll(
    () =>
      panel.evaluate(() =>
        document.querySelector('[data-testid="connection"]')?.textContent === 'Recording'
          ? (document.querySelector('[data-testid="empty"]')?.textContent ?? '')
          : null,
      ),
    10_000,
    'the panel connected to its background page',
  );
  if (!empty.startsWith('Reproduce the failing request'))
    throw new Error(`the panel did not render its empty state: ${empty}`);
  const toolbar = (await text(panel, '[role="toolbar"]')) ?? '';
  if (toolbar.includes('restart')) throw new Error(`the panel asks for a restart in Firefox: ${toolbar}`);
  return { panel, tabId };
}
