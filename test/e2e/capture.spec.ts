// Capture, end to end: the built extension in real Chromium against the fixture servers. The worker's records
// are read from storage.session (what a restarted worker rebuilds from), and DevTools is really opened, since
// only an inspected tab is recorded.
import { test, expect } from '@playwright/test';
import { launchWithExtension, type Launched } from '../support/extension.ts';
import { startFixtureServers, type FixtureServers } from '../fixtures/cors-server.ts';
import { SCENARIOS } from '../fixtures/scenarios.ts';
import { initOf, openDevTools, poll, recordsOf, run, sleep, warmUp } from './capture-helpers.ts';

let servers: FixtureServers;
let browser: Launched;

test.beforeAll(async () => {
  servers = await startFixtureServers();
  browser = await launchWithExtension();
});

test.afterAll(async () => {
  await browser.close();
  await servers.close();
});

const failing = SCENARIOS.filter((s) => s.expect.corsError !== null);
const allowed = SCENARIOS.filter((s) => s.expect.corsError === null);

test('every failing scenario is recorded exactly once with its preflight, hops, real status and call site', async () => {
  const sw = browser.serviceWorker!;
  const page = await browser.context.newPage();
  await page.goto(`${servers.pageOrigin}/`);
  const { tabId } = await openDevTools(browser.context, sw, page);
  await warmUp(sw, page, tabId, servers.urlOf('missing-acao'));

  for (const s of SCENARIOS) await run(page, `${servers.urlOf(s.id)}?r=${s.id}`, initOf(s), s.request.kind);

  const records = await poll(async () => {
    const rs = await recordsOf(sw, tabId);
    return rs.filter((r) => r.done).length >= SCENARIOS.length && rs.filter((r) => r.callSite).length >= failing.length ? rs : null;
  }, 20_000, 'all records, done and annotated');

  for (const s of failing) {
    const mine = records.filter((r) => r.observed.url === `${servers.urlOf(s.id)}?r=${s.id}`);
    expect(mine, s.id).toHaveLength(1);
    const r = mine[0]!;
    expect(r.observed.netError, s.id).toBe('net::ERR_FAILED');
    expect(r.observed.pageOrigin).toBe(servers.pageOrigin);
    expect(r.callSite?.url, s.id).toBe(`${servers.pageOrigin}/page.js`);
    expect(r.observed.kind, s.id).toBe(s.request.kind ?? 'fetch');
    // The server's log is the ground truth for whether Chrome sent a preflight.
    const sentPreflight = servers.log.some((l) => l.method === 'OPTIONS' && l.url === `/s/${s.id}?r=${s.id}`);
    if (sentPreflight) {
      expect(r.observed.preflight?.method, s.id).toBe('OPTIONS');
      expect(r.observed.preflight?.status, s.id).toBe(s.preflight?.status ?? 404);
      expect(r.observed.preflight?.requestHeaders['access-control-request-method'], s.id).toBe(s.request.method);
    } else expect(r.observed.preflight, s.id).toBeUndefined();
  }

  const byId = (id: string) => records.find((r) => r.observed.url.includes(`/s/${id}?`))!;
  expect(byId('server-500').observed.hops.map((h) => h.status)).toEqual([500]); // the real status behind "CORS error"
  expect(byId('preflight-405').observed.hops).toEqual([]); // never sent: its preflight failed
  const tainted = byId('redirect-tainted-origin').observed.hops;
  expect(tainted.map((h) => h.status)).toEqual([302, 200]);
  expect(tainted[1]?.url).toBe(`${servers.otherOrigin}/t/redirect-tainted-origin`);
  expect(tainted[1]?.requestHeaders.origin).toBe('null'); // the tainted Origin after a cross-origin redirect
  expect(byId('redirect-missing-acao').observed.hops.map((h) => h.status)).toEqual([302]);

  for (const s of allowed) {
    const mine = records.filter((r) => r.observed.url.includes(`/s/${s.id}?`));
    expect(mine.every((r) => r.observed.netError === null), s.id).toBe(true);
  }
  // Headers are stored redacted: the engine needs to know Authorization was sent, not the token.
  expect(JSON.stringify(records)).not.toContain('SECRET0123456789');
  await page.close();
});
