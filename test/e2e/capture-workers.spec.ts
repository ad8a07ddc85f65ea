// "Record all tabs" without DevTools: the requests of a shared worker and of a service worker have no tab in
// webRequest (tabId -1), so capture gives each to the tabs whose page has the worker's origin
// (src/background/web-request-owners.ts, docs/destinations.md#workers-without-a-tab). Two tabs of the page's origin
// share the workers, a third tab is of another origin. Chromium's verdicts and console lines are read over CDP from
// the worker targets in the same run; each refused load must be in both tabs of the origin exactly once, with
// Chromium's CorsError and console line (tab A from what storage holds, diagnosed by the engine; tab B from the CORS
// panel's own export, DevTools opened only afterwards so its log adds nothing), never in the other origin's tab;
// allowed controls never fail. A dedicated worker's request has its tab's id: only tab A, which started it.
import { test, expect } from '@playwright/test';
import type { CorsReport } from '../../src/report/types.ts';
import { launchWithExtension } from '../../src/cli/launch.ts';
import { diagnose } from '../../src/engine/index.ts';
import { byOrigin, type ExchangeRecord } from '../../src/shared/model.ts';
import {
  DESTINATIONS,
  refused,
  startDestinationServers,
  VARIANTS,
  type DestinationServers,
} from '../fixtures/destinations.ts';
import { exportedJson, openCorsPanel } from '../support/devtools.ts';
import { poll, recordsOf, tabIdOf } from './capture-helpers.ts';
import { chromeVerdicts, listenToWorkers } from './destinations-cdp.ts';

let servers: DestinationServers;
test.beforeAll(async () => {
  servers = await startDestinationServers();
});
test.afterAll(async () => {
  await servers.close();
});

test('a shared or service worker’s failure is in each tab of its origin once, as Chromium says; not in other tabs', async () => {
  // One browser at a time (each test launches and closes its own).
  const browser = await launchWithExtension({ allTabs: true });
  try {
    const sw = browser.serviceWorker;
    const b = browser.context.browser();
    if (!sw || !b) throw new Error('no service worker');
    const ctx = browser.context;
    const [a, bTab, other] = [await ctx.newPage(), await ctx.newPage(), await ctx.newPage()];
    const { sink } = await chromeVerdicts(a);
    await a.goto(servers.pageUrl, { waitUntil: 'load' });
    await bTab.goto(`${servers.pageUrl}?b`, { waitUntil: 'load' }); // the same workers; a URL of its own
    // The same server under another origin (127.0.0.1 instead of localhost).
    await other.goto(servers.startUrl.replace('//localhost:', '//127.0.0.1:'), { waitUntil: 'load' });
    const [tabA, tabB, tabOther] = [await tabIdOf(sw, a), await tabIdOf(sw, bTab), await tabIdOf(sw, other)];
    const cdp = await b.newBrowserCDPSession();
    const types = ['worker', 'shared_worker', 'service_worker'];
    await listenToWorkers(cdp, servers.pageOrigin, types, sink);
    await a.evaluate(() => (window as unknown as { goWorkers: () => Promise<void> }).goWorkers());

    const cases = DESTINATIONS.filter((d) => d.worker).flatMap((d) =>
      VARIANTS.map((v) => ({ d, v, url: servers.urlOf(d, v) })),
    );
    const failing = cases.filter((c) => refused(c.d, c.v));
    const tabless = failing.filter((c) => c.d.worker !== 'dedicated');
    const chromeSays = (url: string) => sink.failures.find((f) => f.url === url);
    const chromeLine = (url: string) => sink.lines.find((l) => l.text.includes(` at '${url}' `))?.text;
    const inTab = (rs: ExchangeRecord[], url: string) => rs.filter((r) => r.observed.url === url);
    const [recsA, recsB] = await poll(
      async () => {
        const [ra, rb] = [await recordsOf(sw, tabA), await recordsOf(sw, tabB)];
        const chromeDone = failing.every((c) => chromeSays(c.url) && chromeLine(c.url));
        const recorded =
          failing.every((c) => inTab(ra, c.url).length) && tabless.every((c) => inTab(rb, c.url).length);
        return chromeDone && recorded ? [ra, rb] : null;
      },
      30_000,
      'Chromium to fail every refused worker load and both tabs of the origin to record it',
    );
    // Chromium's verdicts are the fixture's.
    expect(
      sink.failures
        .filter((f) => cases.some((c) => c.url === f.url))
        .map((f) => f.url)
        .sort(),
    ).toEqual(failing.map((c) => c.url).sort());

    // Tab A, from storage: every worker's failure once; the shared and service worker's marked as attributed by origin.
    for (const c of failing) {
      const id = `A ${c.v}/${c.d.id}`;
      const mine = inTab(recsA, c.url);
      expect(mine, id).toHaveLength(1);
      const r = mine[0] as ExchangeRecord;
      expect(byOrigin(r), id).toBe(c.d.worker !== 'dedicated');
      const d = diagnose(r.observed);
      expect([d.corsError, d.consoleMessage], id).toEqual([chromeSays(c.url)?.corsError, chromeLine(c.url)]);
    }
    // The dedicated worker belongs to tab A only; the other origin's tab has none of them.
    for (const c of failing.filter((x) => x.d.worker === 'dedicated'))
      expect(inTab(recsB, c.url), `B ${c.v}/${c.d.id}`).toEqual([]);
    const recsOther = await recordsOf(sw, tabOther);
    expect(recsOther.filter((r) => cases.some((c) => c.url === r.observed.url))).toEqual([]);
    // Allowed controls never fail, in either tab.
    for (const c of cases.filter((x) => !refused(x.d, x.v)))
      for (const r of [...inTab(recsA, c.url), ...inTab(recsB, c.url)])
        expect(r.observed.netError, `${c.v}/${c.d.id}`).toBeNull();

    // Tab B, through its CORS panel (DevTools opened now: what it shows came from "Record all tabs").
    const panel = await openCorsPanel(ctx, bTab, browser.extensionId ?? '');
    await panel.waitFor(
      `document.querySelector('[data-testid="export-all-json"]')?.disabled === false`,
      20_000,
    );
    const report = JSON.parse(await exportedJson(panel)) as CorsReport;
    for (const c of tabless) {
      const id = `B ${c.v}/${c.d.id}`;
      const mine = report.failures.filter((f) => f.request.url === c.url);
      expect(mine, id).toHaveLength(1);
      // webRequest says `xmlhttprequest` for fetch and XHR alike, and a worker without a tab has no DevTools log to
      // tell them: the kind stays unknown (docs/destinations.md).
      expect(mine[0]?.request.kind, id).toBeNull();
      expect([mine[0]?.corsError, mine[0]?.consoleMessage], id).toEqual([
        chromeSays(c.url)?.corsError,
        chromeLine(c.url),
      ]);
    }
    for (const c of cases.filter((x) => !refused(x.d, x.v)))
      expect(report.failures.filter((f) => f.request.url === c.url)).toEqual([]);
    // The panel says how the tab got it: filter to one worker failure, select it, read its details.
    const path = JSON.stringify(new URL(tabless[0]?.url ?? '').pathname);
    await panel.evaluate(
      `(() => { const f = document.querySelector('input.filter'); f.value = ${path}; f.dispatchEvent(new Event('input', { bubbles: true })); })()`,
    );
    await panel.waitFor(`document.querySelectorAll('[data-testid="row"]').length === 1`);
    await panel.evaluate(
      `document.querySelector('[data-testid="row"]').dispatchEvent(new MouseEvent('mousedown', { bubbles: true }))`,
    );
    const note = await panel.waitFor<string>(
      `document.querySelector('[data-testid="by-origin"]')?.textContent`,
    );
    expect(note).toContain('Chrome names no tab');
  } finally {
    await browser.close();
  }
});
