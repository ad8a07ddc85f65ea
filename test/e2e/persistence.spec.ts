// A worker restart with a full tab: 10,000+ failures (and allowed exchanges with preflights) recorded from a real
// page with "Record all tabs", the worker stopped the way Chrome stops an idle one, and the newest 10,000 failures
// must come back into the panel, every field as before (docs/architecture.md#compact-storage). The panel is the
// built one, opened as an extension page; its store is fed the snapshot compared here, read from a port of its own.
import { test, expect, type Page } from '@playwright/test';
import { fixtureBrowser } from './fixture-browser.ts';
import { SCENARIOS } from '../fixtures/scenarios.ts';
import type { ExchangeRecord } from '../../src/shared/model.ts';
import { LIMITS } from '../../src/shared/limits.ts';
import { initOf, poll, sleep, stopWorker, tabIdOf } from './capture-helpers.ts';
import { watchConnection } from './panel-helpers.ts';

/** E2E_FAILURES: a smaller run while working on this test (the ring then keeps them all). */
const FAILURES = Number(process.env.E2E_FAILURES ?? LIMITS.recordsPerTab + 300);
const KEPT = Math.min(FAILURES, LIMITS.recordsPerTab);
const ALLOWED = 300;
const SECRET = 'SECRET0123456789';

const env = fixtureBrowser({ allTabs: true });

/** The snapshot a panel of the tab receives on connecting: exactly what its store holds after it. */
const snapshotOf = (panel: Page, tabId: number) =>
  panel.evaluate(
    (id) =>
      new Promise<ExchangeRecord[]>((resolve) => {
        const port = chrome.runtime.connect({ name: `panel:${String(id)}` });
        port.onMessage.addListener((m: { msg?: { type?: string; records?: ExchangeRecord[] } }) => {
          if (m.msg?.type !== 'snapshot') return;
          port.disconnect();
          resolve(m.msg.records ?? []);
        });
      }),
    tabId,
  );

const byId = (rs: ExchangeRecord[]) => [...rs].sort((a, b) => a.id.localeCompare(b.id));

test(`after a worker restart the newest ${String(LIMITS.recordsPerTab)} failures of a tab come back, every field as before`, async () => {
  test.setTimeout(600_000);
  const sw = env.browser.serviceWorker;
  if (!sw) throw new Error('no service worker');
  const page = await env.browser.context.newPage();
  await page.goto(`${env.servers.pageOrigin}/`);
  const tabId = await tabIdOf(sw, page);
  const panel = await env.browser.context.newPage();
  await panel.goto(
    `chrome-extension://${env.browser.extensionId ?? ''}/panel/index.html?tabId=${String(tabId)}`,
  );
  const ok = SCENARIOS.find((s) => s.id === 'ok-preflight');
  if (!ok) throw new Error('ok-preflight');

  const fill = Date.now();
  await page.evaluate(
    async ([failing, allowed, init, failures, oks]) => {
      const one = (u: string, i: object) => fetch(u, i).catch(() => null);
      for (let b = 0; b * 100 < failures; b++)
        await Promise.all(
          Array.from({ length: 100 }, (_, i) => one(`${failing}?r=f-${String(b * 100 + i)}`, {})),
        );
      for (let i = 0; i < oks; i++) await one(`${allowed}?r=a-${String(i)}`, init);
    },
    [
      env.servers.urlOf('missing-acao'),
      env.servers.urlOf('ok-preflight'),
      initOf(ok),
      FAILURES,
      ALLOWED,
    ] as const,
  );
  process.stdout.write(`page made its requests in ${String((Date.now() - fill) / 1000)} s\n`);
  const stored = () =>
    sw.evaluate(
      async (prefix) =>
        Object.keys(await chrome.storage.session.get(null)).filter((k) => k.startsWith(prefix)).length,
      `r:${String(tabId)}:`,
    );
  const t0 = Date.now();
  let last = -1;
  await poll(
    async () => {
      await sleep(2_000); // each look reads all of storage.session: not too often
      const n = await stored();
      if (n !== last)
        process.stdout.write(`${String(n)} stored after ${String((Date.now() - t0) / 1000)} s\n`);
      last = n;
      return n === KEPT + ALLOWED;
    },
    300_000,
    'every record stored',
  );
  const count = () =>
    panel.waitForFunction(
      (n) =>
        document
          .querySelector('[data-testid="counts"]')
          ?.textContent.endsWith(` ${String(n)} requests recorded`),
      KEPT + ALLOWED,
      { timeout: 120_000 },
    );
  await count();
  const before = byId(await snapshotOf(panel, tabId));
  const failures = before.filter((r) => r.observed.netError !== null);
  expect(failures).toHaveLength(KEPT);
  // The newest: the ring let the oldest 300 go.
  const numbers = failures.map((r) => Number(/r=f-(\d+)/.exec(r.observed.url)?.[1])).sort((a, b) => a - b);
  expect(numbers[0]).toBe(FAILURES - KEPT);
  expect(before.filter((r) => r.observed.preflight?.status === 204)).toHaveLength(ALLOWED);

  const raw = await sw.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));
  expect(raw).not.toContain(SECRET); // Authorization is stored redacted, as it was captured
  const bytes = await sw.evaluate(() => chrome.storage.session.getBytesInUse(null));
  process.stdout.write(
    `storage.session: ${String(before.length)} records in ${(bytes / 2 ** 20).toFixed(2)} MB (${(bytes / before.length).toFixed(0)} B/record)\n`,
  );

  const states = await watchConnection(panel);
  const pageCdp = await env.browser.context.newCDPSession(page);
  await pageCdp.send('ServiceWorker.enable');
  await stopWorker(pageCdp);
  // The open panel notices, reconnects by itself and is given the rebuilt records; a new port sees them too.
  await expect
    .poll(async () => (await states()).join(' '), { timeout: 60_000 })
    .toContain('Reconnecting… Recording');
  await count();
  const after = byId(await snapshotOf(panel, tabId));
  expect(after).toHaveLength(before.length);
  expect(after).toEqual(before);
  await page.close();
  await panel.close();
});
