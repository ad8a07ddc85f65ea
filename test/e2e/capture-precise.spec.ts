// Precise mode with DevTools' log as the source. A dedicated worker's request is in the tab's log without its
// response, so DevTools' log alone can only say 'response-unseen' (capture-destinations.spec.ts). With the panel's
// "Chrome's verdict" on, the worker attaches chrome.debugger to the tab, and Chromium's own CorsIssue names the
// CorsError (src/background/precise.ts): the panel's export must then give every refused load, the dedicated
// worker's included, exactly Chromium's CorsError and console line, read over CDP in the same run.
//
// The one difference from what a user installs: `debugger` is moved from the manifest's optional permissions to its
// required ones in a copy of the build. The product asks for it on the toggle's click, and Chrome's permission dialog
// is browser UI automation cannot click; a profile's preferences cannot grant it either (docs/destinations.md). The
// toggle clicked here is the real one, and what it calls (chrome.permissions.request) answers at once for a
// permission the extension holds.
import { test, expect } from '@playwright/test';
import type { CorsReport } from '../../src/report/types.ts';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchWithExtension, type Launched } from '../../src/cli/launch.ts';
import {
  DESTINATIONS,
  refused,
  startDestinationServers,
  VARIANTS,
  type DestinationServers,
} from '../fixtures/destinations.ts';
import { clickInPanel, exportedJson, openCorsPanel } from '../support/devtools.ts';
import { poll, recordsOf, untilInspected } from './capture-helpers.ts';
import { runDestinations } from './destinations-cdp.ts';

/** dist/ with `debugger` granted at install (see above). */
function withDebugger(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-precise-'));
  cpSync(resolve('dist'), dir, { recursive: true });
  const path = join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(path, 'utf8')) as {
    permissions: string[];
    optional_permissions: string[];
  };
  m.permissions = [...m.permissions, 'debugger'];
  m.optional_permissions = m.optional_permissions.filter((p) => p !== 'debugger');
  writeFileSync(path, JSON.stringify(m));
  return dir;
}

let servers: DestinationServers;
let browser: Launched;
let ext: string;
test.beforeAll(async () => {
  servers = await startDestinationServers();
  ext = withDebugger();
  browser = await launchWithExtension({ extensionDir: ext });
});
test.afterAll(async () => {
  await browser.close();
  await servers.close();
  rmSync(ext, { recursive: true, force: true });
});

test("precise mode gives a dedicated worker's failure Chromium's CorsError and console line in DevTools' log", async () => {
  const sw = browser.serviceWorker;
  if (!sw) throw new Error('no service worker');
  const page = await browser.context.newPage();
  await page.goto(servers.startUrl);
  const panel = await openCorsPanel(browser.context, page, browser.extensionId ?? '');
  const tabId = await untilInspected(sw, page);
  await clickInPanel(panel.browserSession, panel.panelTargetId, '[data-testid="precise"]');
  // On once the worker says it is attached: the checkbox stays checked and the "attaching…" note is gone.
  // (Attaching waits for the worker, which a loaded machine can keep busy for seconds; a timeout names the state.)
  await panel
    .waitFor(
      `document.querySelector('[data-testid="precise"]').checked && !document.querySelector('.precise-note')`,
      30_000,
    )
    .catch(async (e: unknown) => {
      const state = await panel.evaluate<string>(
        `JSON.stringify({ checked: document.querySelector('[data-testid="precise"]')?.checked, note: document.querySelector('.precise-note')?.textContent ?? null })`,
      );
      throw new Error(`${String(e)}; the toggle: ${state}`);
    });

  const sink = await runDestinations(page, panel.browserSession, servers, ['worker']);

  // Chromium's verdicts for the tab's own loads and its dedicated workers' (a shared or service worker's requests
  // are not in the tab's log, so precise mode has no record to confirm: docs/destinations.md).
  const cases = DESTINATIONS.filter((d) => d.worker === undefined || d.worker === 'dedicated').flatMap((d) =>
    VARIANTS.map((v) => ({ d, v, url: servers.urlOf(d, v) })),
  );
  const failing = cases.filter((c) => refused(c.d, c.v));
  const dedicated = failing.filter((c) => c.d.worker === 'dedicated');
  expect(dedicated.length).toBeGreaterThan(0);
  const chromeSays = (url: string) => sink.failures.find((f) => f.url === url);
  const chromeLine = (url: string) => sink.lines.find((l) => l.text.includes(` at '${url}' `))?.text;
  await poll(
    async () => {
      const rs = await recordsOf(sw, tabId);
      const confirmed = (url: string) => rs.some((r) => r.observed.url === url && r.observed.chromeVerdict);
      return failing.every((c) => chromeSays(c.url) && chromeLine(c.url) && confirmed(c.url)) || null;
    },
    30_000,
    "Chromium to fail every refused load and precise mode to confirm each record with Chrome's verdict",
  ).catch(async (e: unknown) => {
    const rs = await recordsOf(sw, tabId);
    const ids = (cs: typeof failing) => cs.map((c) => `${c.v}/${c.d.id}`).join(', ');
    const open = failing.filter((c) => !rs.some((r) => r.observed.url === c.url && r.observed.chromeVerdict));
    const unheard = failing.filter((c) => !chromeSays(c.url) || !chromeLine(c.url));
    // What the worker holds for each load left without a verdict, and how often Chromium failed it.
    const held = open.map((c) => ({
      load: `${c.v}/${c.d.id}`,
      cdpFailures: sink.failures.filter((f) => f.url === c.url).length,
      records: rs
        .filter((r) => r.observed.url === c.url || r.observed.hops.some((h) => h.url === c.url))
        .map((r) => ({
          id: r.id,
          sources: r.sources,
          netError: r.observed.netError,
          hops: r.observed.hops.map((h) => h.status),
          startedAt: r.startedAt,
          endedAt: r.endedAt,
        })),
    }));
    // And what DevTools' own log holds for them (the panel, a DevTools page, can read it).
    const har = await panel
      .evaluate<unknown>(
        `new Promise((r) => chrome.devtools.network.getHAR((h) => r(h.entries.filter((e) => ${JSON.stringify(open.map((c) => c.url))}.includes(e.request.url)).map((e) => ({ url: e.request.url, type: e._resourceType, status: e.response.status, error: e.response._error ?? null, started: e.startedDateTime, requestHeaders: e.request.headers.length })))))`,
      )
      .catch((x: unknown) => String(x));
    throw new Error(
      `${String(e)}; without Chrome's verdict: ${ids(open)}; not failed or not printed over CDP: ${ids(unheard)}; held: ${JSON.stringify(held)}; DevTools' log: ${JSON.stringify(har)}`,
    );
  });

  const report = JSON.parse(await exportedJson(panel)) as CorsReport;
  for (const c of failing) {
    const id = `${c.v}/${c.d.id}`;
    const mine = report.failures.filter((f) => f.request.url === c.url);
    expect(mine, id).toHaveLength(1);
    expect(mine[0]?.code, id).not.toBe('response-unseen');
    expect(mine[0]?.corsError, id).toBe(chromeSays(c.url)?.corsError);
    expect(mine[0]?.consoleMessage, id).toBe(chromeLine(c.url));
  }
  for (const c of cases.filter((x) => !refused(x.d, x.v)))
    expect(
      report.failures.filter((f) => f.request.url === c.url),
      `${c.v}/${c.d.id}`,
    ).toEqual([]);
});
