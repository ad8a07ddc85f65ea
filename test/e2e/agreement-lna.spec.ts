// Local Network Access, live (issue #14): Chromium treats the page's loopback server as public
// (--ip-address-space-overrides), so a fetch from it to the loopback API crosses into a more private address space.
// Chrome's verdict (CDP), the engine's simulateFetch and diagnose, and the console line must agree, on the running
// Chromium's version. The permission prompt is answered through CDP (Browser.setPermission 'loopback-network'):
// headless Chrome shows no prompt, and an unanswered prompt is a denial.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, expect, test, type Browser } from '@playwright/test';
import { diagnose, simulateFetch } from '../../src/engine/index.ts';
import type { LocalNetworkContext } from '../../src/engine/index.ts';
import { CHROMIUM_ARGS } from '../../src/cli/launch.ts';
import {
  closeServer,
  PAGE_HTML,
  PAGE_JS,
  startFixtureServers,
  type FixtureServers,
} from '../fixtures/cors-server.ts';
import { SCENARIOS } from '../fixtures/scenarios.ts';
import { majorOf } from '../support/chromium-version.ts';

let fx: FixtureServers;
let pageServer: http.Server;
let pagePort: number;
let browser: Browser;
let chromeVersion: number;

test.beforeAll(async () => {
  fx = await startFixtureServers();
  pageServer = http.createServer((req, res) => {
    res.setHeader('content-type', req.url === '/page.js' ? 'text/javascript' : 'text/html');
    res.end(req.url === '/page.js' ? PAGE_JS : PAGE_HTML);
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  pagePort = (pageServer.address() as AddressInfo).port;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      ...CHROMIUM_ARGS,
      `--ip-address-space-overrides=127.0.0.1:${String(pagePort)}=public`,
      // A page name that is not potentially trustworthy (http://localhost is a secure context; this is not).
      '--host-resolver-rules=MAP insecure.test 127.0.0.1',
    ],
  });
  chromeVersion = majorOf(browser.version());
});

test.afterAll(async () => {
  await browser.close();
  await closeServer(pageServer);
  await fx.close();
});

interface LnaCase {
  id: string;
  pageHost: 'localhost' | 'insecure.test';
  permission: 'granted' | 'denied';
  scenario: string;
  /** Chrome's verdict (null: allowed), measured on Chromium 150 and 156. */
  expect: string | null;
  note: string;
}

const CASES: LnaCase[] = [
  {
    id: 'lna-permission-denied',
    pageHost: 'localhost',
    permission: 'denied',
    scenario: 'ok-wildcard',
    expect: 'LocalNetworkAccessPermissionDenied',
    note: 'a public secure page, no permission: refused before sending, although the API allows every origin',
  },
  {
    id: 'lna-insecure-page',
    pageHost: 'insecure.test',
    // Chrome 156 refuses even to grant the permission to it (Browser.setPermission: "Permission can't be granted in
    // current context"), so there is no prompt to answer.
    permission: 'denied',
    scenario: 'ok-wildcard',
    expect: 'InsecureLocalNetwork',
    note: 'a public page over plain http may never reach a more private space',
  },
  {
    id: 'lna-permission-granted',
    pageHost: 'localhost',
    permission: 'granted',
    scenario: 'ok-wildcard',
    expect: null,
    note: 'the user allowed it: the request goes out and CORS decides',
  },
  {
    id: 'lna-granted-then-cors',
    pageHost: 'localhost',
    permission: 'granted',
    scenario: 'missing-acao',
    expect: 'MissingAllowOriginHeader',
    note: 'permission is not CORS: the API must still send its CORS headers',
  },
];

for (const c of CASES) {
  test(`${c.id}: Chrome, simulateFetch and diagnose agree (${c.note})`, async () => {
    const pageOrigin = `http://${c.pageHost}:${String(pagePort)}`;
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    if (c.permission === 'granted') {
      const info = (await cdp.send('Target.getTargetInfo')) as { targetInfo: { browserContextId: string } };
      const b = await browser.newBrowserCDPSession();
      for (const name of ['loopback-network', 'local-network'])
        await b.send('Browser.setPermission', {
          permission: { name },
          setting: 'granted',
          origin: pageOrigin,
          browserContextId: info.targetInfo.browserContextId,
        } as never);
    }
    await cdp.send('Network.enable');
    const failures: { corsError: string | null; failedParameter: string }[] = [];
    cdp.on('Network.loadingFailed', (e) => {
      if (e.type === 'Fetch')
        failures.push({
          corsError: e.corsErrorStatus?.corsError ?? null,
          failedParameter: e.corsErrorStatus?.failedParameter ?? '',
        });
    });
    const lines: string[] = [];
    page.on('console', (m) => {
      if (m.text().startsWith('Access to ')) lines.push(m.text());
    });
    await page.goto(`${pageOrigin}/`);
    const url = `${fx.urlOf(c.scenario)}?lna=${c.id}`;
    const from = fx.log.length;
    const result: { ok: boolean } = await page.evaluate(
      ([u]) =>
        (
          window as unknown as { corsLensRun(u: string, i: unknown, k: string): Promise<{ ok: boolean }> }
        ).corsLensRun(u, { method: 'GET' }, 'fetch'),
      [url] as const,
    );
    if (c.expect !== null) await expect.poll(() => failures.length).toBeGreaterThan(0);
    const chrome = failures[0] ?? { corsError: null, failedParameter: '' };
    expect(result.ok).toBe(c.expect === null);
    expect(chrome.corsError, 'the recorded expectation vs Chrome').toBe(c.expect);
    // A Local Network Access block happens before sending: the API never saw the request.
    const reached = fx.log.slice(from).some((r) => r.url.includes(`lna=${c.id}`));
    expect(reached).toBe(c.expect === null || !c.expect.includes('LocalNetwork'));

    const s = SCENARIOS.find((x) => x.id === c.scenario);
    if (s === undefined) throw new Error(c.scenario);
    const localNetwork: LocalNetworkContext = {
      clientSpace: 'public',
      secureContext: c.pageHost === 'localhost',
      permission: c.permission,
    };
    const server = (u: string) =>
      u.startsWith(fx.apiOrigin)
        ? {
            response: {
              status: s.response.status,
              headers: Object.fromEntries(
                // These scenarios' headers have no {origin} placeholder: they are sent as written.
                Object.entries(s.response.headers),
              ),
            },
          }
        : undefined;
    const request = {
      origin: pageOrigin,
      url,
      method: 'GET',
      headers: {},
      credentials: 'same-origin' as const,
      mode: 'cors' as const,
      localNetwork,
    };
    const sim = simulateFetch(request, server, { chromeVersion });
    expect(sim.blocked).toBe(c.expect !== null);
    expect(sim.corsError).toBe(c.expect);

    if (c.expect !== null) {
      const d = diagnose(
        {
          pageOrigin,
          method: 'GET',
          url,
          hops: [],
          netError: 'net::ERR_FAILED',
          pageSecure: localNetwork.secureContext,
          chromeVerdict: { corsError: chrome.corsError ?? '', failedParameter: chrome.failedParameter },
        },
        { chromeVersion },
      );
      expect(d.corsError).toBe(c.expect);
      await expect.poll(() => lines.length).toBeGreaterThan(0);
      expect(d.consoleMessage).toBe(lines[0]);
    }
    await context.close();
  });
}
