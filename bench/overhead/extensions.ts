// The extensions and profiles the overhead bench and the profiler share: the floor extensions each capture mode is
// also measured against, and a profile in which the built extension already holds the "Record all tabs" grant.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath, CHROMIUM_ARGS, grantAllTabs } from '../../src/cli/launch.ts';
import { CHROME_WEB_REQUEST } from '../../src/platform/web-request-dialect.ts';
import { FILTER } from '../../src/background/web-request.ts';
import { findTarget, launchOverPipe, type Cdp } from './cdp-pipe.ts';

export const launch = (dir: string, ext: string | null): Cdp =>
  launchOverPipe(chromiumPath(), [
    ...CHROMIUM_ARGS,
    '--headless',
    `--user-data-dir=${dir}`,
    ...(ext ? [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`] : []),
    'about:blank',
  ]);

/** The floor configuration's extension, written to a new folder: webRequest and host access held from install (no
 * grant needed), one listener that does nothing, with extraHeaders (what capture needs: docs/architecture.md). */
export function floorExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-bench-floor-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'webRequest floor',
      version: '1.0',
      permissions: ['webRequest'],
      host_permissions: ['<all_urls>'],
      background: { service_worker: 'sw.js' },
    }),
  );
  writeFileSync(
    join(dir, 'sw.js'),
    "chrome.webRequest.onBeforeSendHeaders.addListener(() => {}, { urls: ['<all_urls>'] }, ['requestHeaders', 'extraHeaders']);\n",
  );
  return dir;
}

/** The listener-shape floor: "Record all tabs"' own three listeners, with its filter and extraInfoSpecs, doing
 * nothing. What Chromium spends to dispatch the events capture asks for is in it; what CORS Lens does with them is
 * not, so "Record all tabs" vs this floor is the capture's own JavaScript. `only` keeps some of the listeners, and
 * 'headers-plain' is onHeadersReceived without extraHeaders, to tell which dispatch costs what. */
export type ShapeListener = 'send' | 'headers' | 'headers-plain' | 'error';
export function shapeExtension(only: ShapeListener[] = ['send', 'headers', 'error']): string {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-bench-shape-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'webRequest listener shape',
      version: '1.0',
      permissions: ['webRequest'],
      host_permissions: ['<all_urls>'],
      background: { service_worker: 'sw.js' },
    }),
  );
  const f = JSON.stringify(FILTER);
  const { requestSpec, responseSpec } = CHROME_WEB_REQUEST;
  const line: Record<ShapeListener, string> = {
    send: `chrome.webRequest.onBeforeSendHeaders.addListener(() => {}, ${f}, ${JSON.stringify(requestSpec)});`,
    headers: `chrome.webRequest.onHeadersReceived.addListener(() => {}, ${f}, ${JSON.stringify(responseSpec)});`,
    'headers-plain': `chrome.webRequest.onHeadersReceived.addListener(() => {}, ${f}, ['responseHeaders']);`,
    error: `chrome.webRequest.onErrorOccurred.addListener(() => {}, ${f});`,
  };
  writeFileSync(join(dir, 'sw.js'), `${only.map((l) => line[l]).join('\n')}\n`);
  return dir;
}

/** The DevTools floor: an extension whose devtools page listens to DevTools' network log and does nothing. What
 * DevTools itself spends to hand each entry to any extension (building the HAR entry, messaging it) is in it; what
 * CORS Lens does with the entries is not. */
export function devtoolsFloorExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-bench-dtfloor-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'DevTools floor',
      version: '1.0',
      devtools_page: 'devtools.html',
    }),
  );
  writeFileSync(join(dir, 'devtools.html'), '<!doctype html><script src="devtools.js"></script>\n');
  writeFileSync(
    join(dir, 'devtools.js'),
    'chrome.devtools.network.onRequestFinished.addListener(() => {});\n',
  );
  return dir;
}

/** A profile with "Record all tabs" granted to the extension built in `dist`: started once so the extension
 * registers, then given what the user's "Allow" in Chrome's permission dialog grants (grantAllTabs in
 * src/cli/launch.ts: the dialog is browser UI that automation cannot click). Copy it for each session; the grant is
 * in effect there because the extension loads with it. */
export async function allTabsProfile(dist: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-bench-alltabs-'));
  const cdp = launch(dir, dist);
  let id: string;
  try {
    const sw = await findTarget(
      cdp,
      (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
    );
    id = new URL(sw.url).host;
  } finally {
    await cdp.close();
  }
  grantAllTabs(dir, id);
  return dir;
}
