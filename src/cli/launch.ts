// Launches Debian Chromium with the built extension (dist/) for e2e tests, benchmarks, the CLI and the demo.
// Flags: new headless, no background networking (only loopback is reachable here), and --no-sandbox only for root:
// Chromium refuses to start its sandbox as root, and anyone else keeps the sandbox a page's code runs in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { poll } from './poll.ts';

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
  /** Turn "Record all tabs" on the way a user does: click it in the panel (the optional webRequest permission is
   * granted without a prompt: it carries no warning), then restart the browser, since Chromium hooks webRequest
   * into the network only when the extension loads (src/background/all-tabs.ts). */
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
    return { context, serviceWorker };
  };
  let { context, serviceWorker } = await start();
  const extensionId = serviceWorker ? new URL(serviceWorker.url()).host : null;
  if (opts.allTabs && extensionId && serviceWorker) {
    await grantAllTabs(context, serviceWorker, extensionId);
    await context.close();
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

async function grantAllTabs(context: BrowserContext, sw: Worker, extensionId: string): Promise<void> {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/panel/index.html?tabId=0`);
  await panel.getByLabel('Record all tabs').click();
  await poll(
    () => sw.evaluate(() => chrome.permissions.contains({ permissions: ['webRequest'] })),
    10_000,
    'the webRequest permission',
  );
  await panel.getByText('after a Chrome restart').waitFor({ timeout: 10_000 });
}

/** The id of the tab showing `url`, as the extension's service worker sees it (polled: the tab may be new). */
export function tabIdOf(sw: Worker, url: string): Promise<number> {
  return poll(
    () => sw.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? null, url),
    10_000,
    `the tab id of ${url}`,
  );
}
