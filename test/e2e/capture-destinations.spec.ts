// Every CORS destination, in both capture modes, against Chromium's own verdict: a page loads each destination
// (test/fixtures/destinations.ts) from an asset origin that refuses CORS (no ACAO, another origin's, `*` for a
// credentialed load) or allows it, with the CORS panel open. Chromium's verdicts are read over CDP in the same run
// (Network.loadingFailed corsErrorStatus, Log.entryAdded, from the page and its workers). Each failure must be in the
// panel's export exactly once with Chromium's CorsError, the right kind and Chromium's console line character for
// character; no allowed control and no no-cors load is ever a failure. What each source sees: docs/destinations.md.
import { test, expect } from '@playwright/test';
import type { CorsReport } from '../../src/report/types.ts';
import { launchWithExtension, type Launched } from '../../src/cli/launch.ts';
import type { ResourceKind } from '../../src/engine/types.ts';
import {
  DESTINATIONS,
  NO_CORS,
  refused,
  startDestinationServers,
  VARIANTS,
  type Destination,
  type DestinationServers,
} from '../fixtures/destinations.ts';
import { exportedJson, openCorsPanel } from '../support/devtools.ts';
import { poll, recordsOf, untilInspected } from './capture-helpers.ts';
import { runDestinations } from './destinations-cdp.ts';

/** What DevTools' log does not show as the tab's (measured, docs/destinations.md): a shared worker's requests. With
 * "Record all tabs", webRequest gives them no tab (tabId -1) and capture gives them to the tabs of the worker's origin
 * (capture-workers.spec.ts); no DevTools log tells fetch from XHR there, so their kind stays unknown. */
const unseen = (d: Destination, allTabs: boolean): boolean => !allTabs && d.worker === 'shared';
const kindOf = (d: Destination, allTabs: boolean): ResourceKind | null =>
  allTabs && d.worker === 'shared' ? null : d.kind;
/** A dedicated worker's request is in the tab's DevTools log without its response (also in getHAR()): recorded once,
 * with its kind, and said to be unexplained ('response-unseen') rather than guessed; webRequest sees the response. */
const responseUnseen = (d: Destination, allTabs: boolean): boolean => !allTabs && d.worker === 'dedicated';

for (const allTabs of [false, true])
  test.describe(allTabs ? 'Record all tabs (webRequest)' : "DevTools' network log (default)", () => {
    let servers: DestinationServers;
    let browser: Launched;

    test.beforeAll(async () => {
      servers = await startDestinationServers();
      browser = await launchWithExtension({ allTabs });
    });
    test.afterAll(async () => {
      await browser.close();
      await servers.close();
    });

    test('every destination fails as Chromium says, once, with its kind and console line; controls never fail', async () => {
      const sw = browser.serviceWorker;
      if (!sw) throw new Error('no service worker');
      const page = await browser.context.newPage();
      await page.goto(servers.startUrl);
      const panel = await openCorsPanel(browser.context, page, browser.extensionId ?? '');
      const tabId = await untilInspected(sw, page);
      const types = ['worker', 'shared_worker', 'service_worker'];
      const sink = await runDestinations(page, panel.browserSession, servers, types);

      const cases = DESTINATIONS.flatMap((d) => VARIANTS.map((v) => ({ d, v, url: servers.urlOf(d, v) })));
      const failing = cases.filter((c) => refused(c.d, c.v));
      const chromeSays = (url: string) => sink.failures.find((f) => f.url === url);
      const chromeLine = (url: string) => sink.lines.find((l) => l.text.includes(` at '${url}' `))?.text;
      const expected = failing.filter((c) => !unseen(c.d, allTabs));
      const records = await poll(
        async () => {
          const rs = await recordsOf(sw, tabId);
          const done = failing.every((c) => chromeSays(c.url) && chromeLine(c.url));
          // With both sources, webRequest's record comes first and DevTools' log names the kind later (its exchanges
          // go in batches): wait for the record to be complete, not only present.
          const complete = (c: (typeof expected)[number]) =>
            rs.some((r) => r.observed.url === c.url && (r.observed.kind ?? null) === kindOf(c.d, allTabs));
          return done && expected.every(complete) ? rs : null;
        },
        30_000,
        'Chromium to fail every refused load and the extension to record it',
      ).catch(async (e: unknown) => {
        const rs = await recordsOf(sw, tabId);
        const missing = expected.filter((c) => !rs.some((r) => r.observed.url === c.url));
        const notFailed = failing.filter((c) => !chromeSays(c.url));
        throw new Error(
          `${String(e)}; not recorded: ${missing.map((c) => `${c.v}/${c.d.id}`).join(', ')}; Chromium did not fail: ${notFailed.map((c) => `${c.v}/${c.d.id}`).join(', ')}`,
        );
      });
      // Chromium's verdicts are the fixture's: every refused case, and nothing else.
      expect(
        sink.failures
          .filter((f) => f.url.startsWith(servers.assetOrigin))
          .map((f) => f.url)
          .sort(),
      ).toEqual([...new Set(failing.map((c) => c.url))].sort());

      const report = JSON.parse(await exportedJson(panel)) as CorsReport;

      for (const c of expected) {
        const id = `${c.v}/${c.d.id}`;
        const mine = report.failures.filter((f) => f.request.url === c.url);
        expect(mine, id).toHaveLength(1);
        expect(mine[0]?.request.kind, id).toBe(kindOf(c.d, allTabs));
        if (responseUnseen(c.d, allTabs)) {
          expect([mine[0]?.code, mine[0]?.corsError], id).toEqual(['response-unseen', null]);
          continue;
        }
        expect(mine[0]?.corsError, id).toBe(chromeSays(c.url)?.corsError);
        expect(mine[0]?.consoleMessage, id).toBe(chromeLine(c.url));
        expect(
          records.filter((r) => r.observed.url === c.url),
          id,
        ).toHaveLength(1);
      }
      // A shared worker's failure, in DevTools' log alone, is not in the tab's log: not recorded (documented).
      for (const c of failing.filter((x) => unseen(x.d, allTabs)))
        expect(
          report.failures.filter((f) => f.request.url === c.url),
          `${c.v}/${c.d.id}`,
        ).toEqual([]);
      // Allowed controls are never failures; no-cors loads are not recorded at all.
      for (const c of cases.filter((x) => !refused(x.d, x.v))) {
        expect(
          report.failures.filter((f) => f.request.url === c.url),
          `${c.v}/${c.d.id}`,
        ).toEqual([]);
        for (const r of records.filter((x) => x.observed.url === c.url))
          expect(r.observed.netError, `${c.v}/${c.d.id}`).toBeNull();
      }
      for (const d of NO_CORS)
        for (const v of VARIANTS)
          expect(
            records.filter((r) => r.observed.url === servers.urlOf(d, v)),
            `${v}/${d.id}`,
          ).toEqual([]);
    });
  });
