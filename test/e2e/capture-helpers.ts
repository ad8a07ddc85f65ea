// Helpers for the capture e2e: open DevTools on a tab (which makes the worker record it), read the worker's
// records from storage.session, run fixture requests, and stop the worker through CDP.
import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test';
import type { ExchangeRecord } from '../../src/shared/model.ts';
import { readStored } from '../../src/background/stored-state.ts';
import type { Scenario } from '../fixtures/scenarios.ts';

export { poll, sleep } from '../../src/cli/poll.ts';
export { tabIdOf } from '../../src/cli/launch.ts';
import { tabIdOf } from '../../src/cli/launch.ts';
import { poll, sleep } from '../../src/cli/poll.ts';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export async function targets(cdp: CDPSession): Promise<TargetInfo[]> {
  return ((await cdp.send('Target.getTargets', { filter: [{}] })) as { targetInfos: TargetInfo[] })
    .targetInfos;
}

/** Opens real DevTools on the page (its devtools page connects and the tab becomes recorded). */
export async function openDevTools(
  context: BrowserContext,
  sw: Worker,
  page: Page,
): Promise<{ cdp: CDPSession; tabId: number }> {
  const b = context.browser();
  if (!b) throw new Error('no browser');
  const cdp = await b.newBrowserCDPSession();
  const url = page.url();
  const target = await poll(
    async () => (await targets(cdp)).find((t) => t.type === 'page' && t.url === url),
    10_000,
    'the page target',
  );
  await cdp.send('Target.openDevTools' as never, { targetId: target.targetId } as never);
  return { cdp, tabId: await untilInspected(sw, page) };
}

/** Waits until the worker records `page`'s tab (its DevTools is open and the devtools page has connected); returns
 * the tab's id. */
export async function untilInspected(sw: Worker, page: Page): Promise<number> {
  const tabId = await tabIdOf(sw, page);
  await poll(
    () =>
      sw.evaluate(
        async (id) =>
          ((await chrome.storage.session.get('inspected')).inspected as number[] | undefined)?.includes(id) ??
          false,
        tabId,
      ),
    20_000,
    'the tab to be inspected',
  );
  return tabId;
}

/** The tab's records as storage.session holds them, read back the way a restarted worker reads them. */
export async function recordsOf(sw: Worker, tabId: number): Promise<ExchangeRecord[]> {
  const mine = await sw.evaluate(async (id) => {
    const all = await chrome.storage.session.get(null);
    return Object.fromEntries(
      Object.entries(all).filter(([k]) => /^[rs]:(\d+):/.exec(k)?.[1] === String(id)),
    );
  }, tabId);
  return readStored(mine).records.get(tabId) ?? [];
}

export const initOf = (s: Scenario): Record<string, unknown> => ({
  method: s.request.method,
  ...(s.request.headers ? { headers: s.request.headers } : {}),
  ...(s.request.credentials ? { credentials: s.request.credentials } : {}),
  ...(s.request.mode ? { mode: s.request.mode } : {}),
  ...(s.request.body ? { body: s.request.body } : {}),
});

export function run(page: Page, url: string, init: Record<string, unknown>, kind: 'fetch' | 'xhr' = 'fetch') {
  return page.evaluate(
    ([u, i, k]) =>
      (
        window as unknown as { corsLensRun: (u: string, i: object, k: string) => Promise<{ ok: boolean }> }
      ).corsLensRun(u, i, k),
    [url, init, kind] as const,
  );
}

/** Stops the extension's worker the way Chrome's idle timeout would, via a page-level CDP session
 * (ServiceWorker.stopAllWorkers; docs/chromium-behaviour.md#service-worker-lifetime). */
export async function stopWorker(pageCdp: CDPSession): Promise<void> {
  await pageCdp.send('ServiceWorker.stopAllWorkers');
}

/** DevTools attaches initiator stacks only once its frontend is fully up: wait until a warm-up failure has its
 * call site, so the assertions test the capture, not DevTools' start-up. */
export async function warmUp(sw: Worker, page: Page, tabId: number, failingUrl: string): Promise<void> {
  await poll(
    async () => {
      await run(page, `${failingUrl}?r=warmup-${Date.now()}`, {});
      await sleep(200);
      return (await recordsOf(sw, tabId)).some((r) => r.observed.url.includes('r=warmup') && r.callSite);
    },
    20_000,
    'DevTools to annotate a warm-up request',
  );
}
