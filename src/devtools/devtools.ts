// The devtools page: loads whenever DevTools opens on a tab (unlike the panel, which loads when first shown).
// It registers the "CORS" panel, holds the `devtools:<tabId>` port that marks the tab as recorded, and is the
// capture source while DevTools is open: DevTools' network log, turned into exchanges (har-exchanges.ts).
import { LIMITS } from '../shared/limits.ts';
import { devtoolsPortName, wrap, type DevtoolsExchange, type Navigated } from '../shared/protocol.ts';
import { createHarAssembler, type HarEntryLike } from './har-exchanges.ts';
import { createEntryOrder } from './entry-order.ts';

void chrome.devtools.panels.create('CORS', '', 'panel/index.html');

const tabId = chrome.devtools.inspectedWindow.tabId;
let port: chrome.runtime.Port | null = null;
let delay: number = LIMITS.reconnectMinMs;
/** Messages produced while the worker restarts; sent on reconnect (bounded, the oldest go first). */
const backlog: (DevtoolsExchange | Navigated)[] = [];
/** Annotations of the last seconds, re-sent on reconnect: a port whose worker was stopped drops messages
 * silently until its onDisconnect fires. The worker applies them idempotently. */
let recent: { at: number; m: DevtoolsExchange }[] = [];

function connect(): void {
  const connectedAt = Date.now();
  const p = chrome.runtime.connect({ name: devtoolsPortName(tabId) });
  port = p;
  p.onDisconnect.addListener(() => {
    // Reading lastError keeps Chrome from logging "Unchecked runtime.lastError".
    if (chrome.runtime.lastError) port = null;
    port = null;
    // The worker stopped (idle or forced): normal, and reconnecting at once wakes it, so the gap in which
    // annotations wait stays short. Back off a little only when connections die at once, every time.
    delay =
      Date.now() - connectedAt > 250
        ? LIMITS.reconnectMinMs
        : Math.min(delay * 2, LIMITS.devtoolsReconnectMaxMs);
    setTimeout(connect, delay);
  });
  const now = Date.now();
  recent = recent.filter((r) => now - r.at <= LIMITS.annotationResendMs);
  const pending = backlog.splice(0);
  for (const r of recent) if (!pending.includes(r.m)) send(r.m);
  for (const m of pending) send(m);
}

function send(m: DevtoolsExchange | Navigated): void {
  if (port) {
    try {
      port.postMessage(wrap(m));
      return;
    } catch {
      port = null;
    }
  }
  backlog.push(m);
  if (backlog.length > LIMITS.annotationResendMax) backlog.shift();
}

connect();

// Ids must not repeat across DevTools sessions of the tab (the worker keeps records across them).
// The inspected page's origin: the last resort for an entry that names none (har-exchanges.ts).
let pageOrigin: string | undefined;
const learnOrigin = (url: string): void => {
  try {
    pageOrigin = new URL(url).origin;
  } catch {
    pageOrigin = undefined;
  }
};
chrome.devtools.inspectedWindow.eval<string>('location.href', (href, failure) => {
  if (failure === undefined && pageOrigin === undefined) learnOrigin(href);
});
const assemble = createHarAssembler(
  tabId,
  `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
  () => pageOrigin,
);
const finished = createEntryOrder({
  getHar: () =>
    new Promise((resolve) => {
      chrome.devtools.network.getHAR((log) => {
        resolve(log.entries as unknown as HarEntryLike[]);
      });
    }),
  setTimer: (cb, ms) => setTimeout(cb, ms),
  emit: (entry) => {
    const x = assemble(entry);
    if (!x) return;
    recent.push({ at: Date.now(), m: x });
    if (recent.length > LIMITS.annotationResendMax) recent.shift();
    send(x);
  },
});
chrome.devtools.network.onRequestFinished.addListener((entry) => {
  finished(entry as unknown as HarEntryLike);
});

chrome.devtools.network.onNavigated.addListener((url) => {
  learnOrigin(url);
  send({ type: 'navigated', tabId, at: Date.now() });
});
