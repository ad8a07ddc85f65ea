// Launches Debian Chromium with the built extension (dist/) for e2e tests, benchmarks, the CLI and the demo.
// Flags: new headless, no background networking (only loopback is reachable here), and --no-sandbox only for root:
// Chromium refuses to start its sandbox as root, and anyone else keeps the sandbox a page's code runs in.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { poll } from './poll.ts';
import { ALL_TABS_PERMISSIONS } from '../shared/permissions.ts';

/** The flags for a process of this user id (undefined where there are no uids, e.g. Windows). */
export const chromiumArgs = (uid: number | undefined): string[] => [
  ...(uid === 0 ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
];

export const CHROMIUM_ARGS = chromiumArgs(process.getuid?.());

export interface LaunchOptions {
  /** Extension directory; default dist/. Null launches without the extension. */
  extensionDir?: string | null;
  headless?: boolean;
  extraArgs?: string[];
  /** Turn "Record all tabs" on: grant what the user's "Allow" grants (grantAllTabs), then restart the browser, since
   * Chromium hooks webRequest into the network only when the extension loads (src/background/all-tabs.ts). */
  allTabs?: boolean;
}

export interface Launched {
  context: BrowserContext;
  extensionId: string | null;
  serviceWorker: Worker | null;
  userDataDir: string;
  close(): Promise<void>;
}

export const chromiumPath = (): string => ensureChromium();

/**
 * Resolves once the extension's worker has run its top-level code. Chromium reports the worker as it starts, and a
 * page's requests made before that code added the webRequest listeners reach no listener: on the first start with
 * "Record all tabs" granted none is registered from before. Without the permission there is nothing to wait for.
 */
export const untilListening = (sw: { evaluate(fn: () => boolean): Promise<boolean> }): Promise<boolean> =>
  poll(
    () =>
      sw.evaluate(() => {
        type Api = { webRequest?: { onBeforeSendHeaders: { hasListeners(): boolean } } };
        const api = (globalThis as { chrome?: Api }).chrome?.webRequest;
        return api === undefined || api.onBeforeSendHeaders.hasListeners();
      }),
    15_000,
    "the extension's webRequest listeners",
  );

export async function launchWithExtension(opts: LaunchOptions = {}): Promise<Launched> {
  const ext = opts.extensionDir === null ? null : resolve(opts.extensionDir ?? 'dist');
  const userDataDir = mkdtempSync(join(tmpdir(), 'cors-lens-profile-'));
  const args = [...CHROMIUM_ARGS, ...(opts.extraArgs ?? [])];
  if (ext) args.push(`--disable-extensions-except=${ext}`, `--load-extension=${ext}`);
  const start = async () => {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath(),
      headless: opts.headless ?? true,
      args,
    });
    const serviceWorker = ext
      ? (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 })))
      : null;
    if (serviceWorker) await untilListening(serviceWorker);
    return { context, serviceWorker };
  };
  let { context, serviceWorker } = await start();
  const extensionId = serviceWorker ? new URL(serviceWorker.url()).host : null;
  if (opts.allTabs && extensionId) {
    await context.close();
    grantAllTabs(userDataDir, extensionId);
    ({ context, serviceWorker } = await start());
  }
  return {
    context,
    extensionId,
    serviceWorker,
    userDataDir,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * "Record all tabs" asks for webRequest and access to all sites (src/shared/permissions.ts). Access to all sites
 * makes Chrome show its permission dialog, which is browser UI that automation cannot click (measured: the request
 * stays pending in headless Chromium). So this profile gets what the user's "Allow" writes: the permissions added
 * to the extension's granted and active sets in the profile's preferences, written while the browser is closed.
 * The panel's own click is covered by the panel tests; everything after the grant runs as for a user.
 */
export function grantAllTabs(userDataDir: string, extensionId: string): void {
  const file = join(userDataDir, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(file, 'utf8')) as {
    extensions?: { settings?: Record<string, Record<string, { api?: string[]; explicit_host?: string[] }>> };
  };
  const ext = prefs.extensions?.settings?.[extensionId];
  if (!ext) throw new Error(`the profile has no settings for extension ${extensionId}`);
  for (const set of ['active_permissions', 'granted_permissions', 'runtime_granted_permissions']) {
    const cur = ext[set] ?? {};
    ext[set] = {
      ...cur,
      api: [...new Set([...(cur.api ?? []), ...ALL_TABS_PERMISSIONS.permissions])],
      explicit_host: [...new Set([...(cur.explicit_host ?? []), ...ALL_TABS_PERMISSIONS.origins])],
    };
  }
  writeFileSync(file, JSON.stringify(prefs));
}

/** The id of `page`'s tab, as the extension's service worker sees it. Without host access the extension sees no
 * tab's URL, so the tab is told by being the active one: `page` is brought to the front first. */
export async function tabIdOf(sw: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  return poll(
    () =>
      sw.evaluate(
        async () =>
          (await chrome.tabs.query({ active: true, lastFocusedWindow: true, windowType: 'normal' }))[0]?.id ??
          null,
      ),
    10_000,
    `the tab id of ${page.url()}`,
  );
}
