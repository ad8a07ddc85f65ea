// The devtools page: loads whenever DevTools opens on a tab (unlike the panel, which loads when first shown).
// It registers the "CORS" panel, holds the `devtools:<tabId>` port that marks the tab as recorded, and adds
// what only DevTools knows to the worker's records: the call site and the real status (network-annotations.ts).
import { LIMITS } from '../shared/limits.ts';
import { devtoolsPortName, wrap, type Navigated, type NetworkAnnotation } from '../shared/protocol.ts';
import { toAnnotation, type HarEntryLike } from './network-annotations.ts';

void chrome.devtools.panels.create('CORS', '', 'panel/index.html');

const tabId = chrome.devtools.inspectedWindow.tabId;
let port: chrome.runtime.Port | null = null;
let delay: number = LIMITS.reconnectMinMs;
/** Messages produced while the worker restarts; sent on reconnect (bounded, the oldest go first). */
const backlog: (NetworkAnnotation | Navigated)[] = [];
/** Annotations of the last seconds, re-sent on reconnect: a port whose worker was stopped drops messages
 * silently until its onDisconnect fires. The worker applies them idempotently. */
let recent: { at: number; m: NetworkAnnotation }[] = [];

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

function send(m: NetworkAnnotation | Navigated): void {
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

chrome.devtools.network.onRequestFinished.addListener((entry) => {
  const ann = toAnnotation(tabId, entry as unknown as HarEntryLike);
  if (!ann) return;
  recent.push({ at: Date.now(), m: ann });
  if (recent.length > LIMITS.annotationResendMax) recent.shift();
  send(ann);
});

chrome.devtools.network.onNavigated.addListener(() => {
  send({ type: 'navigated', tabId, at: Date.now() });
});
