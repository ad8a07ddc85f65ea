// Chromium's own verdicts over CDP, for the destinations e2e: every failed load's `corsErrorStatus`
// (Network.loadingFailed), its resource type and request headers, and every console line (Log.entryAdded), read from
// the page and from each of its workers (non-flat sessions: test/support/devtools.ts).
import type { CDPSession, Page } from '@playwright/test';
import { poll } from '../../src/cli/poll.ts';

export interface ChromeFailure {
  url: string;
  type: string;
  corsError: string;
  failedParameter: string;
  target: string;
}
export interface ChromeLine {
  text: string;
  target: string;
}

interface Sink {
  failures: ChromeFailure[];
  lines: ChromeLine[];
  requests: Map<string, { url: string; type: string }>;
}

type Send = (method: string, params?: object) => Promise<unknown>;
type On = (event: string, cb: (params: Record<string, unknown>) => void) => void;

async function listen(send: Send, on: On, target: string, sink: Sink): Promise<void> {
  on('Network.requestWillBeSent', (p) => {
    const r = p.request as { url: string };
    sink.requests.set(`${target}:${String(p.requestId)}`, { url: r.url, type: String(p.type) });
  });
  on('Network.loadingFailed', (p) => {
    const s = p.corsErrorStatus as { corsError: string; failedParameter: string } | undefined;
    const req = sink.requests.get(`${target}:${String(p.requestId)}`);
    if (s && req) sink.failures.push({ url: req.url, type: String(p.type), ...s, target });
  });
  on('Log.entryAdded', (p) => {
    const e = p.entry as { text: string };
    sink.lines.push({ text: e.text, target });
  });
  await send('Network.enable');
  await send('Log.enable');
}

/** Listens on the page (a flat Playwright session) and returns what Chromium reported so far. */
export async function chromeVerdicts(page: Page): Promise<{ sink: Sink; cdp: CDPSession }> {
  const sink: Sink = { failures: [], lines: [], requests: new Map() };
  const cdp = await page.context().newCDPSession(page);
  await listen(
    (m, p) => cdp.send(m as never, p as never),
    (ev, cb) => cdp.on(ev as never, cb as never),
    'page',
    sink,
  );
  return { sink, cdp };
}

/** Attaches (non-flat, over the browser session) to the worker targets whose URL starts with `origin`, once one of
 * each of `types` is up (a module worker starts after the page's load event), and listens. */
export async function listenToWorkers(
  browser: CDPSession,
  origin: string,
  types: readonly string[],
  sink: Sink,
): Promise<string[]> {
  const workers = await poll(
    async () => {
      const { targetInfos } = (await browser.send('Target.getTargets')) as {
        targetInfos: { targetId: string; type: string; url: string }[];
      };
      const ws = targetInfos.filter((t) => t.type.endsWith('worker') && t.url.startsWith(origin));
      return types.every((t) => ws.some((w) => w.type === t)) ? ws : null;
    },
    20_000,
    `the page's workers (${types.join(', ')})`,
  );
  for (const t of workers) {
    const { sessionId } = await browser.send('Target.attachToTarget', {
      targetId: t.targetId,
      flatten: false,
    });
    let id = 0;
    const pending = new Map<number, (v: unknown) => void>();
    const handlers = new Map<string, (p: Record<string, unknown>) => void>();
    browser.on('Target.receivedMessageFromTarget', (ev: { sessionId: string; message: string }) => {
      if (ev.sessionId !== sessionId) return;
      const m = JSON.parse(ev.message) as { id?: number; method?: string; params?: Record<string, unknown> };
      if (m.id !== undefined) pending.get(m.id)?.(m);
      else if (m.method) handlers.get(m.method)?.(m.params ?? {});
    });
    const send: Send = (method, params = {}) =>
      new Promise((resolve) => {
        const n = ++id;
        pending.set(n, resolve);
        void browser.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id: n, method, params }),
        });
      });
    await listen(send, (ev, cb) => handlers.set(ev, cb), t.type, sink);
  }
  return workers.map((w) => w.type);
}

/** Loads the destinations page (test/fixtures/destinations.ts) in `page` and starts its workers, with Chromium
 * listened to on the page and on its workers of `types`: what Chromium failed and printed, as it comes. */
export async function runDestinations(
  page: Page,
  browser: CDPSession,
  servers: { pageUrl: string; pageOrigin: string },
  types: readonly string[],
): Promise<Sink> {
  const { sink } = await chromeVerdicts(page);
  await page.goto(servers.pageUrl, { waitUntil: 'load' });
  await listenToWorkers(browser, servers.pageOrigin, types, sink);
  await page.evaluate(() => (window as unknown as { goWorkers: () => Promise<void> }).goWorkers());
  return sink;
}
