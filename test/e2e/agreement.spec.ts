// Live agreement (issue #3): real Chromium makes every fixture scenario's request while CDP reports Chrome's own
// verdict (Network.loadingFailed.corsErrorStatus); simulateFetch on the same server answers must reach the same
// verdict and CorsError, and diagnose() on what the servers saw (webRequest's view) must too. No extension needed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, expect, test, type Browser, type CDPSession, type Page } from '@playwright/test';
import { diagnose, simulateFetch } from '../../src/engine/index.ts';
import type { HeaderMap, Observed, ObservedHop, ServerAnswer } from '../../src/engine/index.ts';
import {
  closeServer,
  PAGE_HTML,
  PAGE_JS,
  startFixtureServers,
  type FixtureServers,
} from '../fixtures/cors-server.ts';
import { SCENARIOS, type Scenario } from '../fixtures/scenarios.ts';
import { serverModelOf, simRequestOf } from '../fixtures/server-model.ts';
import { CHROMIUM_ARGS } from '../../src/cli/launch.ts';
import { majorOf } from '../support/chromium-version.ts';

interface ChromeOutcome {
  /** The JS side: whether fetch/XHR failed. */
  failed: boolean;
  /** loadingFailed.errorText of the actual request, or null (no failure event). */
  errorText: string | null;
  corsError: string | null;
  failedParameter: string | null;
}

let fx: FixtureServers;
let browser: Browser;
let page: Page;
let cdp: CDPSession;
let extra: http.Server;
let extraOrigin: string;
const requestUrls = new Map<string, string>();
const finished = new Map<
  string,
  { errorText: string | null; corsError: string | null; failedParameter: string | null }
>();
let nonce = 0;
const consoleLines: string[] = [];
/** The running Chromium's major version: the engine is asked for that version's behaviour. */
let chromeVersion: number;

test.beforeAll(async () => {
  fx = await startFixtureServers();
  // A redirect to data: cannot be expressed in the scenario table's Location templates' spirit of CORS routes; this
  // one-route server covers it (loopback only).
  extra = http.createServer((req, res) => {
    // /drop: the preflight's connection is dropped (a crashed proxy); /page and /page.js: a second fixture page on
    // this origin; /to-api: a redirect to the API origin; anything else redirects to a data: URL.
    if (req.url === '/page' || req.url === '/page.js') {
      res.setHeader('content-type', req.url === '/page' ? 'text/html' : 'text/javascript');
      res.end(req.url === '/page' ? PAGE_HTML : PAGE_JS);
      return;
    }
    if (req.url?.startsWith('/to-api') === true) {
      res.statusCode = 302;
      res.setHeader('location', fx.urlOf('ok-simple'));
      res.end();
      return;
    }
    if (req.url?.startsWith('/drop') === true) {
      if (req.method === 'OPTIONS') req.socket.destroy();
      else res.end();
      return;
    }
    res.statusCode = 302;
    res.setHeader('access-control-allow-origin', fx.pageOrigin);
    res.setHeader('location', 'data:text/plain,hello');
    res.end();
  });
  await new Promise<void>((resolve) => extra.listen(0, '127.0.0.1', resolve));
  extraOrigin = `http://127.0.0.1:${String((extra.address() as AddressInfo).port)}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  chromeVersion = majorOf(browser.version());
  page = await browser.newPage();
  cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!requestUrls.has(e.requestId) && e.type !== 'Preflight' && e.initiator.type !== 'preflight')
      requestUrls.set(e.requestId, e.request.url);
  });
  cdp.on('Network.loadingFailed', (e) => {
    finished.set(e.requestId, {
      errorText: e.errorText,
      corsError: e.corsErrorStatus?.corsError ?? null,
      failedParameter: e.corsErrorStatus?.failedParameter ?? null,
    });
  });
  cdp.on('Network.loadingFinished', (e) => {
    finished.set(e.requestId, { errorText: null, corsError: null, failedParameter: null });
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().startsWith('Access to ')) consoleLines.push(m.text());
  });
  await page.goto(`${fx.pageOrigin}/`);
});

test.afterAll(async () => {
  await browser.close();
  await closeServer(extra);
  await fx.close();
});

interface RunInit {
  method: string;
  headers?: Record<string, string>;
  credentials?: 'omit' | 'include' | 'same-origin';
  mode?: 'cors' | 'no-cors' | 'same-origin';
  redirect?: 'follow' | 'error' | 'manual';
  body?: string;
}

/** Makes the request from the page and waits for CDP's verdict on it (it may trail the JS rejection by ms). */
async function runInChrome(url: string, init: RunInit, kind: 'fetch' | 'xhr'): Promise<ChromeOutcome> {
  const result: { ok: boolean } = await page.evaluate(
    ([u, i, k]) =>
      (
        window as unknown as { corsLensRun(u: string, i: unknown, k: string): Promise<{ ok: boolean }> }
      ).corsLensRun(u, i, k),
    [url, init, kind] as const,
  );
  for (let i = 0; i < 40; i++) {
    const id = [...requestUrls].find(([, u]) => u === url)?.[0];
    const done = id === undefined ? undefined : finished.get(id);
    if (done !== undefined) return { failed: !result.ok, ...done };
    await page.waitForTimeout(50);
  }
  return { failed: !result.ok, errorText: null, corsError: null, failedParameter: null };
}

/** The scenario table as a ServerModel for this run's origins, exactly as cors-server.ts answers. */
const serverFor = (): ((url: string) => ServerAnswer | undefined) => serverModelOf(fx);

const headerMap = (h: http.IncomingHttpHeaders): HeaderMap =>
  Object.fromEntries(Object.entries(h).filter((e): e is [string, string | string[]] => e[1] !== undefined));

/** What webRequest with extraHeaders would have seen, rebuilt from the fixture servers' log since `from`. */
function observedFrom(from: number, url: string, s: Scenario, chrome: ChromeOutcome): Observed {
  const server = serverFor();
  const entries = fx.log.slice(from).filter((r) => r.server !== 'page');
  const origins = { api: fx.apiOrigin, other: fx.otherOrigin };
  const toHop = (r: FixtureServers['log'][number], isPreflight: boolean): ObservedHop => {
    const full = `${origins[r.server as 'api' | 'other']}${r.url}`;
    const answer = server(full);
    const response = isPreflight ? answer?.preflight : answer?.response;
    return {
      url: full,
      method: r.method,
      requestHeaders: headerMap(r.headers),
      status: response?.status ?? 0,
      responseHeaders: response?.headers ?? {},
    };
  };
  const isPreflight = (r: FixtureServers['log'][number]): boolean =>
    r.method === 'OPTIONS' && r.headers['access-control-request-method'] !== undefined;
  // Observed holds one preflight: the last one, which is the one that can have failed (after a redirect, say).
  const preflight = entries.filter(isPreflight).at(-1);
  const actual = entries.filter((r) => !isPreflight(r));
  const hops = actual.map((r) => toHop(r, false));
  return {
    pageOrigin: fx.pageOrigin,
    method: s.request.method,
    url,
    credentials: 'unknown',
    mode: s.request.mode ?? 'cors',
    ...(hops[0] === undefined ? {} : { requestHeaders: hops[0].requestHeaders }),
    ...(preflight === undefined ? {} : { preflight: toHop(preflight, true) }),
    hops,
    netError: chrome.failed ? (chrome.errorText ?? 'net::ERR_FAILED') : null,
    kind: s.request.kind ?? 'fetch',
  };
}

for (const s of SCENARIOS) {
  test(`${s.id}: Chrome, simulateFetch and diagnose agree`, async () => {
    nonce += 1;
    const url = `${fx.urlOf(s.id)}?r=${String(nonce)}`;
    const from = fx.log.length;
    const init: RunInit = {
      method: s.request.method,
      ...(s.request.headers === undefined ? {} : { headers: s.request.headers }),
      ...(s.request.credentials === undefined ? {} : { credentials: s.request.credentials }),
      ...(s.request.mode === undefined ? {} : { mode: s.request.mode }),
      ...(s.request.body === undefined ? {} : { body: s.request.body }),
    };
    const chrome = await runInChrome(url, init, s.request.kind ?? 'fetch');

    // The scenario's recorded expectation is still what Chrome does.
    expect(chrome.corsError, 'scenario expectation vs Chrome').toBe(s.expect.corsError);
    if (s.expect.failedParameter !== undefined) expect(chrome.failedParameter).toBe(s.expect.failedParameter);

    const sim = simulateFetch(simRequestOf(s, url, fx.pageOrigin), serverFor(), { chromeVersion });
    expect(sim.blocked, 'blocked/allowed').toBe(chrome.failed);
    expect(sim.corsError, 'CorsError').toBe(chrome.corsError);
    if (chrome.corsError !== null)
      expect(sim.failedParameter, 'failedParameter').toBe(chrome.failedParameter);
    if (s.request.mode === 'no-cors') expect(sim.responseType).toBe('opaque');

    // diagnose() on the servers' view of the exchange, with the credentials mode left for it to infer.
    const d = diagnose(observedFrom(from, url, s, chrome), { chromeVersion });
    expect(d.verdict).toBe(chrome.failed ? 'blocked' : 'allowed');
    expect(d.corsError).toBe(chrome.corsError);
    const confirmed = diagnose(
      {
        ...observedFrom(from, url, s, chrome),
        ...(chrome.corsError === null
          ? {}
          : {
              chromeVerdict: { corsError: chrome.corsError, failedParameter: chrome.failedParameter ?? '' },
            }),
      },
      { chromeVersion },
    );
    if (chrome.corsError !== null) expect(confirmed.confirmedByChrome).toBe(true);

    // Chrome's console line, rebuilt from Blink's templates, is the one Chrome printed.
    if (chrome.corsError !== null) {
      await expect.poll(() => consoleLines.find((l) => l.includes(`'${url}'`))).toBeDefined();
      expect(d.consoleMessage).toBe(consoleLines.find((l) => l.includes(`'${url}'`)));
    }
  });
}

// Failures Chrome reports without a CorsError: the engine must block them too and never call them CORS.
const notCors: { id: string; url: () => string; init: RunInit; errorText: string | null }[] = [
  {
    id: 'connection-refused',
    url: () => `http://127.0.0.1:${String(fx.closedPort)}/x`,
    init: { method: 'GET' },
    errorText: 'net::ERR_CONNECTION_REFUSED',
  },
  {
    id: 'redirect-to-data-url',
    url: () => `${extraOrigin}/r`,
    init: { method: 'GET' },
    errorText: 'net::ERR_UNSAFE_REDIRECT',
  },
  {
    id: 'preflight-connection-dropped',
    url: () => `${extraOrigin}/drop`,
    init: { method: 'PUT' },
    errorText: 'net::ERR_EMPTY_RESPONSE',
  },
  {
    id: 'same-origin-mode',
    url: () => fx.urlOf('ok-simple'),
    init: { method: 'GET', mode: 'same-origin' },
    errorText: null,
  },
  {
    id: 'no-cors-redirect-manual',
    url: () => fx.urlOf('redirect-tainted-null-ok'),
    init: { method: 'GET', mode: 'no-cors', redirect: 'manual' },
    errorText: null,
  },
];

for (const c of notCors) {
  test(`${c.id}: blocked without a CorsError, in Chrome and in the engine`, async () => {
    nonce += 1;
    const url = `${c.url()}?r=${String(nonce)}`;
    const chrome = await runInChrome(url, c.init, 'fetch');
    expect(chrome.failed).toBe(true);
    expect(chrome.corsError).toBeNull();
    expect(chrome.errorText).toBe(c.errorText);
    const server = (u: string): ServerAnswer | undefined =>
      u.startsWith(`${extraOrigin}/drop`)
        ? { preflight: { status: 0, headers: {} }, response: { status: 200, headers: {} } }
        : u.startsWith(extraOrigin)
          ? {
              response: {
                status: 302,
                headers: { 'access-control-allow-origin': fx.pageOrigin, location: 'data:text/plain,hello' },
              },
            }
          : serverFor()(u);
    const sim = simulateFetch(
      {
        origin: fx.pageOrigin,
        url,
        method: c.init.method,
        headers: {},
        credentials: 'same-origin',
        mode: c.init.mode ?? 'cors',
        ...(c.init.redirect === undefined ? {} : { redirect: c.init.redirect }),
      },
      server,
    );
    expect(sim.blocked).toBe(true);
    expect(sim.corsError).toBeNull();
    if (c.errorText !== null) {
      const d = diagnose({
        pageOrigin: fx.pageOrigin,
        method: c.init.method,
        url,
        hops: [],
        netError: c.errorText,
      });
      expect(d.verdict).toBe('not-cors');
      expect(d.corsError).toBeNull();
    }
  });
}

test('same-origin mode redirected to another origin: Blink refuses it, no CorsError, in Chrome and in the engine', async () => {
  const pageOrigin = extraOrigin.replace('127.0.0.1', 'localhost');
  const second = await browser.newPage();
  const lines: string[] = [];
  second.on('console', (m) => lines.push(m.text()));
  await second.goto(`${pageOrigin}/page`);
  const url = `${pageOrigin}/to-api?r=${String(++nonce)}`;
  const result: { ok: boolean } = await second.evaluate(
    ([u]) =>
      (
        window as unknown as { corsLensRun(u: string, i: unknown, k: string): Promise<{ ok: boolean }> }
      ).corsLensRun(u, { mode: 'same-origin' }, 'fetch'),
    [url] as const,
  );
  await expect.poll(() => lines.some((l) => l.startsWith('Unsafe attempt to load URL'))).toBe(true);
  await second.close();
  expect(result.ok).toBe(false);
  expect(lines.filter((l) => l.startsWith('Access to '))).toEqual([]); // no CORS console line
  const sim = simulateFetch(
    { origin: pageOrigin, url, method: 'GET', headers: {}, credentials: 'same-origin', mode: 'same-origin' },
    (u) =>
      u === url
        ? { response: { status: 302, headers: { location: fx.urlOf('ok-simple') } } }
        : serverFor()(u),
  );
  expect(sim).toMatchObject({ blocked: true, stage: 'redirect', corsError: null });
});
