// Drives Chromium with the built extension, "Record all tabs" on (record.ts), for `cors-lens record`: finds the
// tab's id, attaches as a panel over the extension's own protocol (a `panel:<tabId>` port), loads the page, waits
// for the network to settle, and asks the service worker for its snapshot.
import type { Page } from 'playwright-core';
import { PROTOCOL_VERSION, SOURCE, panelPortName, type PanelEvent } from '../shared/protocol.ts';
import type { ExchangeRecord } from '../shared/model.ts';
import type { Launched } from './launch.ts';
import { chromeMajor } from '../engine/chrome-versions.ts';
import { BrowserError } from './errors.ts';

export interface Capture {
  records: ExchangeRecord[];
  /** e.g. "Chromium 156". */
  browser: string | null;
  /** The running Chromium's major version, whose console wording the report's lines take (docs/engine.md). */
  chromeVersion: number | null;
}

/** What the report says of the browser, and the engine's options for its records, from its user agent. */
export function runningChromium(userAgent: string): Pick<Capture, 'browser' | 'chromeVersion'> {
  const major = chromeMajor(userAgent);
  return { browser: major === null ? null : `Chromium ${major}`, chromeVersion: major };
}

interface CaptureOptions {
  url: string;
  waitMs: number;
  timeoutMs: number;
}

/** Runs in the extension page: connects the panel port and answers with the next snapshot the worker sends. */
function snapshotInPage([portName, tabId, source, v, timeoutMs]: [
  string,
  number,
  string,
  number,
  number,
]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const port = chrome.runtime.connect({ name: portName });
    const timer = setTimeout(() => {
      port.disconnect();
      reject(new Error('the service worker sent no snapshot'));
    }, timeoutMs);
    port.onMessage.addListener((env: { source?: string; msg?: { type?: string } }) => {
      if (env.source !== source || env.msg?.type !== 'snapshot') return;
      clearTimeout(timer);
      port.disconnect();
      resolve(env.msg);
    });
    port.postMessage({ source, v, msg: { type: 'snapshot', tabId } });
  });
}

export type Snapshot = Extract<PanelEvent, { type: 'snapshot' }>;

/** The worker's snapshot of one tab, asked over a `panel:<tabId>` port from `ext`, any page of the extension (also
 * the Playwright fixture's, whose Page may come from another Playwright version: only `evaluate` is used). */
export async function snapshot(
  ext: Pick<Page, 'evaluate'>,
  tabId: number,
  timeoutMs: number,
): Promise<Snapshot> {
  const args: [string, number, string, number, number] = [
    panelPortName(tabId),
    tabId,
    SOURCE,
    PROTOCOL_VERSION,
    timeoutMs,
  ];
  return (await ext.evaluate(snapshotInPage, args)) as Snapshot;
}

async function tabIdOf(launched: Launched): Promise<number> {
  const sw = launched.serviceWorker;
  if (!sw) throw new BrowserError('the extension has no service worker');
  const ids = await sw.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.id ?? -1));
  if (ids.length !== 1 || ids[0] === undefined || ids[0] < 0)
    throw new BrowserError(`expected one tab to record, found ${ids.length}`);
  return ids[0];
}

/** How long to wait for the network to go idle (no request for 500 ms) after the load event. */
export const NETWORK_IDLE_MAX_MS = 5_000;

const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function capture(launched: Launched, opts: CaptureOptions): Promise<Capture> {
  const { context, extensionId } = launched;
  if (!extensionId) throw new BrowserError('the extension did not load');
  const page = context.pages()[0] ?? (await context.newPage());
  const tabId = await tabIdOf(launched);
  // Any extension page can hold the port; the panel page is one the build always ships.
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/panel/index.html?tabId=${tabId}`);
  // The worker is up with its state loaded, and webRequest in effect, before the page loads.
  const ready = await snapshot(ext, tabId, opts.timeoutMs);
  if (ready.allTabs !== 'on')
    throw new BrowserError(
      `the extension is not recording all tabs (${ready.allTabs ?? 'off'}) after the restart`,
    );
  try {
    await page.goto(opts.url, { waitUntil: 'load', timeout: opts.timeoutMs });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0] ?? '';
    throw new BrowserError(`cannot load ${opts.url}: ${msg.replace(/^page\.goto: /, '')}`);
  }
  // A page that polls never goes idle: after NETWORK_IDLE_MAX_MS, record what was seen rather than fail.
  await page.waitForLoadState('networkidle', { timeout: NETWORK_IDLE_MAX_MS }).catch(() => undefined);
  await settle(opts.waitMs);
  // Requests still in flight get one more --wait to finish; whatever is still open then is reported as it is.
  let records = (await snapshot(ext, tabId, opts.timeoutMs)).records;
  for (const until = Date.now() + opts.waitMs; records.some((r) => !r.done) && Date.now() < until;) {
    await settle(100);
    records = (await snapshot(ext, tabId, opts.timeoutMs)).records;
  }
  return { records, ...runningChromium(await ext.evaluate(() => navigator.userAgent)) };
}
