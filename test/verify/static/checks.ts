// What the static-asset cells read: Chrome's own CorsError per URL (CDP), what loaded in the page, what the panel
// shows for a server, and what a raw request from a hostile origin is answered.
import http from 'node:http';
import type { CDPSession, Page } from '@playwright/test';
import type { DevToolsPanel } from '../../support/devtools.ts';
import { ASSETS_PAGE, LOADED, type Loaded } from './assets.ts';

export const HOSTILE = 'https://evil.example';
const q = (s: string): string => JSON.stringify(s);
/** The panel row (an expression for its element) whose URL is `url`. */
export const rowOf = (url: string): string =>
  `[...document.querySelectorAll('[data-testid="row"]')].find((r) => r.querySelector('.url')?.title === ${q(url)})`;

/** Chrome's CorsError per URL, read over CDP (Network.loadingFailed corsErrorStatus) for one page. */
export async function corsErrors(page: Page): Promise<{ cdp: CDPSession; errors: Map<string, string> }> {
  const cdp = await page.context().newCDPSession(page);
  const urls = new Map<string, string>();
  const errors = new Map<string, string>();
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => {
    urls.set(e.requestId, e.request.url);
  });
  cdp.on('Network.loadingFailed', (e: { requestId: string; corsErrorStatus?: { corsError: string } }) => {
    const url = urls.get(e.requestId);
    if (url !== undefined && e.corsErrorStatus) errors.set(url, e.corsErrorStatus.corsError);
  });
  await cdp.send('Network.enable');
  return { cdp, errors };
}

/** Loads the assets page for the server on `port` in `page`; what loaded, read in the page. */
export async function load(page: Page, origin: string, port: number): Promise<Loaded> {
  await page.goto(`${origin}${ASSETS_PAGE}?port=${port}`, { waitUntil: 'load' });
  return page.evaluate<Loaded>(LOADED);
}

/** A raw GET of the asset from a hostile Origin (Node does not enforce CORS): the answer must not allow it, and
 * must still say `Vary: Origin` — the answer depends on the Origin, so without it a shared cache (a CDN in front of
 * the file server) would hand this copy, without CORS headers, to the allowed page too. */
export function hostileProbe(port: number, p: string): Promise<string | null> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: p, headers: { origin: HOSTILE } }, (res) => {
      res.resume();
      const acao = res.headers['access-control-allow-origin'];
      const vary = (res.headers.vary ?? '').split(',').some((v) => v.trim().toLowerCase() === 'origin');
      resolve(
        acao !== undefined
          ? `answered Access-Control-Allow-Origin: ${acao}`
          : vary
            ? null
            : 'answered without Vary: Origin',
      );
    });
    req.on('error', (e) => {
      resolve(`probe failed: ${e.message}`);
    });
  });
}

/** The panel's rows for the server at `origin` (URL → whether the row says allowed), read with "All cross-origin" on
 * once it shows `count` rows for that server; the toggle is put back. */
export async function rowsShown(
  pn: DevToolsPanel,
  origin: string,
  count: number,
): Promise<Map<string, boolean[]>> {
  const all = `[...document.querySelectorAll('[data-testid="row"]')].filter((r) => r.querySelector('.url')?.title.startsWith(${q(origin + '/')}))`;
  const toggle = `[...document.querySelectorAll('.toolbar label')].find((l) => l.textContent.includes('All cross-origin')).querySelector('input')`;
  await pn.evaluate(`(${toggle}).checked || (${toggle}).click(), true`);
  try {
    await pn.waitFor(`${all}.length >= ${count}`, 15_000);
    const rows = await pn.evaluate<[string, boolean][]>(
      `${all}.map((r) => [r.querySelector('.url').title, r.classList.contains('allowed')])`,
    );
    const byUrl = new Map<string, boolean[]>();
    for (const [url, allowed] of rows) byUrl.set(url, [...(byUrl.get(url) ?? []), allowed]);
    return byUrl;
  } finally {
    await pn.evaluate(`(${toggle}).checked && (${toggle}).click(), true`);
  }
}
