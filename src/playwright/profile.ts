// Chromium profiles for the Playwright fixture: the extension (the package's dist/) loaded unpacked, with "Record all
// tabs" granted, so it records every tab from its first request without DevTools (docs/ci.md#the-playwright-fixture).
// The grant takes effect only when the browser starts (src/background/all-tabs.ts), so each worker makes one profile
// with the extension installed and granted, and each test starts Chromium on a fresh copy of it.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, BrowserType } from '@playwright/test';
import { findChromium } from '../../scripts/ensure-chromium.mjs';
import { chromiumArgs, grantAllTabs, untilListening } from '../cli/launch.ts';
import { packageRoot } from '../cli/paths.ts';
import { watchNetwork } from './network.ts';

export interface CorsLensLaunch {
  /** A Chromium that loads unpacked extensions (Chromium, Chrome for Testing; branded Chrome ignores
   * --load-extension). Default: CHROMIUM_PATH, then the usual install paths, then Playwright's own Chromium. */
  executablePath?: string;
  /** Default true: Chromium's new headless, which runs extensions. */
  headless?: boolean;
  /** More Chromium flags. */
  args?: string[];
}

export interface Profile {
  dir: string;
  extensionId: string;
  launch: CorsLensLaunch;
  close(): void;
}

/** What launchPersistentContext takes: the launch options and the context options in one object. */
export type ContextOptions = NonNullable<Parameters<BrowserType['launchPersistentContext']>[1]>;

function launchOptions(launch: CorsLensLaunch, extensionDir: string): ContextOptions {
  const executablePath = launch.executablePath ?? findChromium() ?? undefined;
  return {
    // Without a path, Playwright's full Chromium: its headless shell (the default) cannot load extensions.
    ...(executablePath ? { executablePath } : { channel: 'chromium' }),
    headless: launch.headless ?? true,
    args: [
      ...chromiumArgs(process.getuid?.()),
      ...(launch.args ?? []),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
  };
}

/** The extension's service worker URL, once its webRequest listeners are added (untilListening). */
async function serviceWorkerUrl(context: BrowserContext): Promise<string> {
  const sw =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  await untilListening(sw);
  return sw.url();
}

/** Once per worker: installs the extension in a new profile and grants "Record all tabs" while the browser is closed. */
export async function makeProfile(chromium: BrowserType, launch: CorsLensLaunch): Promise<Profile> {
  const extensionDir = join(packageRoot(), 'dist');
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-fixture-'));
  const context = await chromium.launchPersistentContext(dir, launchOptions(launch, extensionDir));
  let extensionId: string;
  try {
    extensionId = new URL(await serviceWorkerUrl(context)).host;
  } finally {
    await context.close();
  }
  grantAllTabs(dir, extensionId);
  return {
    dir,
    extensionId,
    launch,
    close: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Once per test: Chromium on a copy of the worker's profile, so tests share no cookies, storage or records. */
export async function launchFrom(
  chromium: BrowserType,
  profile: Profile,
  contextOptions: ContextOptions,
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-test-'));
  cpSync(profile.dir, dir, { recursive: true });
  const extensionDir = join(packageRoot(), 'dist');
  const context = await chromium.launchPersistentContext(dir, {
    ...contextOptions,
    ...launchOptions(profile.launch, extensionDir),
  });
  watchNetwork(context);
  await serviceWorkerUrl(context);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
