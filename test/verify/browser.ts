// One Debian Chromium for the whole matrix. Each check gets a fresh context (no preflight cache, no cookies) and
// reads Chrome's own verdict over CDP (Network.loadingFailed corsErrorStatus), not a parsed console line.
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../src/cli/launch.ts';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { assetsPage, assetsPort } from './static/assets.ts';

/** The page's own script: the calls an app makes (the panel reads their options from the call site). */
export const APP_JS = readFileSync(new URL('./page/app.js', import.meta.url), 'utf8');
const PAGE_HTML =
  '<!doctype html><title>cors-lens verify</title><p>page</p><script type="module">import * as calls from "/app.js"; window.calls = calls;</script>';

export interface FetchSpec {
  url: string;
  method: string;
  headers: Record<string, string>;
  credentials: 'include' | 'same-origin';
  /** A response header the page reads (must be exposed). */
  read: string | null;
}

export interface FetchOutcome {
  ok: boolean;
  status: number | null;
  readValue: string | null;
  corsError: string | null;
  failedParameter: string | null;
  error: string | null;
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
}

/** A static page on loopback: reachable as http://localhost:<port> (the allowed origin) and http://127.0.0.1:<port> (hostile). */
export async function startPageServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const js = req.url === '/app.js';
    // The static-asset cells' page (static/assets.ts) names its file server's port in the query string.
    const assets = assetsPort(req.url ?? '/');
    res.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html' });
    res.end(js ? APP_JS : assets === null ? PAGE_HTML : assetsPage(assets));
  });
  // Port 3000 when free, so the seed's case runs from exactly http://localhost:3000; any free port otherwise.
  const listen = (port: number) =>
    new Promise<boolean>((resolve) => {
      server.once('error', () => {
        resolve(false);
      });
      server.listen(port, '127.0.0.1', () => {
        resolve(true);
      });
    });
  if (!(await listen(Number(process.env.VERIFY_PAGE_PORT ?? 3000)))) await listen(0);
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}

export async function browserFetch(
  browser: Browser,
  pageOrigin: string,
  spec: FetchSpec,
): Promise<FetchOutcome> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const urls = new Map<string, string>();
    // Written by the CDP listener; a holder object keeps TypeScript from narrowing it to its initial null.
    const seen: { corsError: string | null; failedParameter: string | null } = {
      corsError: null,
      failedParameter: null,
    };
    cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => {
      urls.set(e.requestId, e.request.url);
    });
    cdp.on(
      'Network.loadingFailed',
      (e: { requestId: string; corsErrorStatus?: { corsError: string; failedParameter: string } }) => {
        if (e.corsErrorStatus && urls.get(e.requestId) === spec.url) {
          seen.corsError = e.corsErrorStatus.corsError;
          seen.failedParameter = e.corsErrorStatus.failedParameter;
        }
      },
    );
    await cdp.send('Network.enable');
    await page.goto(`${pageOrigin}/`);
    const r = await page.evaluate(async (s: FetchSpec) => {
      try {
        const hasBody = s.method !== 'GET' && s.method !== 'HEAD';
        const res = await fetch(s.url, {
          method: s.method,
          headers: s.headers,
          credentials: s.credentials,
          ...(hasBody ? { body: '{"q":1}' } : {}),
        });
        return {
          ok: true,
          status: res.status,
          readValue: s.read === null ? null : res.headers.get(s.read),
          error: null,
        };
      } catch (e) {
        return { ok: false, status: null, readValue: null, error: String(e) };
      }
    }, spec);
    // loadingFailed can trail the rejected promise by a tick.
    if (!r.ok)
      for (let i = 0; i < 20 && seen.corsError === null; i++) await new Promise((res) => setTimeout(res, 25));
    return { ...r, ...seen };
  } finally {
    await context.close();
  }
}
