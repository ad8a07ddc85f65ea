// Shared by the HAR e2e specs: every fixture scenario run from the fixture page with DevTools open on the CORS panel,
// until live capture has recorded each failure this Chromium's DevTools log lists (150 never lists the failed ftp:
// hop of redirect-disabled-scheme: test/support/chromium-version.ts). The DevTools panel handle gives getHAR().
import type { Page } from '@playwright/test';
import type { Launched } from '../../src/cli/launch.ts';
import type { ExchangeRecord } from '../../src/shared/model.ts';
import type { FixtureServers } from '../fixtures/cors-server.ts';
import { SCENARIOS, type Scenario } from '../fixtures/scenarios.ts';
import { openCorsPanel, type DevToolsPanel } from '../support/devtools.ts';
import { devtoolsUnlistedScenarios, majorOf } from '../support/chromium-version.ts';
import { initOf, poll, recordsOf, run, tabIdOf } from './capture-helpers.ts';

export interface ScenarioRun {
  page: Page;
  devtools: DevToolsPanel;
  /** The failing scenarios DevTools lists in this Chromium. */
  seen: Scenario[];
  live: ExchangeRecord[];
  /** The URL each scenario was requested at (`?r=<id>`). */
  urlOf: (s: Scenario) => string;
}

/** `onPage` runs before the page loads (e.g. to collect its console lines). */
export async function runEveryScenario(
  browser: Launched,
  servers: FixtureServers,
  onPage: (page: Page) => void = () => undefined,
): Promise<ScenarioRun> {
  const sw = browser.serviceWorker;
  if (!sw) throw new Error('no service worker');
  const page = await browser.context.newPage();
  onPage(page);
  await page.goto(`${servers.pageOrigin}/`);
  const devtools = await openCorsPanel(browser.context, page, browser.extensionId ?? '');
  const tabId = await tabIdOf(sw, page);
  const urlOf = (s: Scenario): string => `${servers.urlOf(s.id)}?r=${s.id}`;
  for (const s of SCENARIOS) await run(page, urlOf(s), initOf(s), s.request.kind);
  const unlisted = devtoolsUnlistedScenarios(majorOf(await sw.evaluate(() => navigator.userAgent)));
  const seen = SCENARIOS.filter((s) => s.expect.corsError !== null && !unlisted.includes(s.id));
  const live = await poll(
    async () => {
      const rs = await recordsOf(sw, tabId);
      return seen.every((s) => rs.some((r) => r.observed.url === urlOf(s) && r.done)) ? rs : null;
    },
    30_000,
    'every failure recorded live',
  );
  return { page, devtools, seen, live, urlOf };
}
