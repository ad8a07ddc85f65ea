// The devtools page: loads whenever DevTools opens on a tab (unlike the panel, which loads when first shown).
// It registers the "CORS" panel, holds the `devtools:<tabId>` port that marks the tab as recorded, and is the
// capture source while DevTools is open: DevTools' network log, turned into exchanges (har-exchanges.ts).
import { LIMITS } from '../shared/limits.ts';
import {
  devtoolsPortName,
  isEnvelope,
  wrap,
  type DevtoolsExchange,
  type Navigated,
  type PageErrorReport,
} from '../shared/protocol.ts';
import { drainExpression, hookExpression, reportsOf } from './page-hook-eval.ts';
import { amend, createHarAssembler } from './har-exchanges.ts';
import { sameRequest, urlOrigin, type HarEntryLike } from './har-entry.ts';

void chrome.devtools.panels.create('CORS', '', 'panel/index.html');

const tabId = chrome.devtools.inspectedWindow.tabId;
let port: chrome.runtime.Port | null = null;
let delay: number = LIMITS.reconnectMinMs;
/** Messages produced while the worker restarts; sent on reconnect (bounded, the oldest go first). */
const backlog: (DevtoolsExchange | Navigated | PageErrorReport)[] = [];
/** Exchanges of the last seconds, re-sent on reconnect: a port whose worker was stopped drops messages silently
 * until its onDisconnect fires. The worker applies them idempotently. */
let recent: { at: number; m: DevtoolsExchange }[] = [];
let reconnecting = false;

function connect(): void {
  const connectedAt = Date.now();
  const p = chrome.runtime.connect({ name: devtoolsPortName(tabId) });
  port = p;
  p.onMessage.addListener((raw: unknown) => {
    if (isEnvelope(raw) && raw.msg.type === 'reread' && raw.msg.tabId === tabId) reread(raw.msg.ids);
  });
  p.onDisconnect.addListener(() => {
    // Reading lastError keeps Chrome from logging "Unchecked runtime.lastError".
    if (chrome.runtime.lastError) port = null;
    port = null;
    // The worker stopped (idle or forced): normal, and reconnecting at once wakes it, so the gap in which
    // exchanges wait stays short. Back off only when connections die at once, every time (a timer in this hidden
    // page fires about once a second at best, so the first retry is immediate).
    if (Date.now() - connectedAt > 250) {
      delay = LIMITS.reconnectMinMs;
      connect();
      return;
    }
    delay = Math.min(delay * 2, LIMITS.devtoolsReconnectMaxMs);
    setTimeout(connect, delay);
  });
  const now = Date.now();
  recent = recent.filter((r) => now - r.at <= LIMITS.annotationResendMs);
  const pending = backlog.splice(0);
  for (const r of recent) if (!pending.includes(r.m)) send(r.m);
  for (const m of pending) send(m);
  // A worker that stopped may have taken its re-read timer with it: look again at everything still unanswered.
  if (reconnecting) reread([...unanswered.keys()]);
  reconnecting = true;
}

function send(m: DevtoolsExchange | Navigated | PageErrorReport): void {
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

// The inspected page's origin: the last resort for an entry that names none (har-exchanges.ts).
let pageOrigin: string | undefined;
chrome.devtools.inspectedWindow.eval<string>('location.href', (href, failure) => {
  if (failure === undefined && pageOrigin === undefined) pageOrigin = urlOrigin(href);
});
const assemble = createHarAssembler(
  tabId,
  // Ids must not repeat across DevTools sessions of the tab (the worker keeps records across them).
  `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
  () => pageOrigin,
);

/** Failures sent without a response, with their entry and how often they were read again, until the worker asks
 * to read them again (`reread`) or they got their response. */
const unanswered = new Map<string, { x: DevtoolsExchange; entry: HarEntryLike; tries: number }>();

function emit(x: DevtoolsExchange): void {
  recent.push({ at: Date.now(), m: x });
  if (recent.length > LIMITS.annotationResendMax) recent.shift();
  send(x);
  if (x.error !== null) drainSoon();
}

// The page's own error for a failure (page-hook-eval.ts): hooked in this tab only, and only while DevTools is open.
const hookKey = `__corsLens${Math.random().toString(36).slice(2, 12)}`;
const hook = (): void => {
  void chrome.devtools.inspectedWindow.eval(hookExpression(hookKey, LIMITS.pageErrorsKept));
};
const drain = (): void => {
  chrome.devtools.inspectedWindow.eval<unknown>(drainExpression(hookKey), (raw, failure) => {
    if (failure !== undefined) return;
    for (const r of reportsOf(raw, LIMITS.pageErrorsKept, LIMITS.pageErrorChars)) send(r);
  });
};
let drainTimer: ReturnType<typeof setTimeout> | null = null;
/** Now, and once more a moment later (the page's rejection can come after DevTools reported the failure); in a
 * burst of failures, one read now and one at the end of it, not one evaluation per failure. */
function drainSoon(): void {
  if (drainTimer !== null) return;
  drain();
  drainTimer = setTimeout(() => {
    drainTimer = null;
    drain();
  }, 500);
}
hook();

chrome.devtools.network.onRequestFinished.addListener((har) => {
  const entry = har as unknown as HarEntryLike;
  const x = assemble(entry, Date.now());
  if (!x) return;
  if (x.error !== null && x.last.status === 0) {
    unanswered.set(x.id, { x, entry, tries: 0 });
    if (unanswered.size > LIMITS.annotationResendMax) unanswered.delete(unanswered.keys().next().value ?? '');
  }
  emit(x);
});

function reread(ids: string[]): void {
  const asked = ids.flatMap((id) => {
    const u = unanswered.get(id);
    return u ? [[id, u] as const] : [];
  });
  if (!asked.length) return;
  chrome.devtools.network.getHAR((log) => {
    const entries = log.entries as unknown as HarEntryLike[];
    const again: string[] = [];
    for (const [id, u] of asked) {
      let fresh: HarEntryLike | undefined;
      // The entry is among the newest: search from the end.
      for (let i = entries.length - 1; i >= 0 && !fresh; i--) {
        const e = entries[i] as HarEntryLike;
        if (sameRequest(e, u.entry)) fresh = e;
      }
      const more = fresh && amend(u.x, fresh);
      if (more) emit(more);
      if (more || ++u.tries >= LIMITS.rereadTries) unanswered.delete(id);
      else again.push(id);
    }
    // Still nothing: DevTools may be busy (a burst) or the server never answered. Look again a little later (a
    // timer here fires within a second or two, which is soon enough for a correction).
    if (again.length)
      setTimeout(() => {
        reread(again);
      }, 1_000);
  });
}

chrome.devtools.network.onNavigated.addListener((url) => {
  pageOrigin = urlOrigin(url);
  hook();
  send({ type: 'navigated', tabId, at: Date.now() });
});
