// The devtools page: loads whenever DevTools opens on a tab (unlike the panel, which loads when first shown).
// It registers the "CORS" panel, holds the `devtools:<tabId>` port that marks the tab as recorded, and is the
// capture source while DevTools is open: DevTools' network log, turned into exchanges (har-exchanges.ts).
import { LIMITS } from '../shared/limits.ts';
import {
  devtoolsPortName,
  isEnvelope,
  pack,
  wrap,
  type DevtoolsExchange,
  type Navigated,
  type PageErrorReport,
} from '../shared/protocol.ts';
import { drainExpression, hookExpression, reportsOf } from './page-hook-eval.ts';
import { amend, createHarAssembler, type WireExchange } from './har-exchanges.ts';
import { sameRequest, urlOrigin, type HarEntryLike } from './har-entry.ts';
import { coalesce } from './coalesce.ts';
import { NAVIGATION_START_EXPRESSION, navigationBoundary } from './navigation-start.ts';

void chrome.devtools.panels.create('CORS', '', 'panel/index.html');

const tabId = chrome.devtools.inspectedWindow.tabId;
let port: chrome.runtime.Port | null = null;
let delay: number = LIMITS.reconnectMinMs;
/** Navigations and page errors seen while the worker restarts; sent on reconnect (bounded, the oldest go first). */
const backlog: (Navigated | PageErrorReport)[] = [];
/** Exchanges the worker has not yet said are stored (protocol.ts Stored), by message number: sent again, in order,
 * on every reconnect. A port whose worker was stopped drops messages silently until its onDisconnect fires, and a
 * worker can be stopped before it writes, several times in a row; the worker applies them idempotently. */
const unacked = new Map<number, DevtoolsExchange>();
let unackedCount = 0;
let sent = 0;
let reconnecting = false;
/** Exchanges go in batches (protocol.ts DevtoolsExchange), the oldest unacknowledged ones dropped past the cap. */
const outgoing = coalesce<WireExchange>({
  hand: (exchanges) => {
    const m: DevtoolsExchange = { type: 'exchange', tabId, n: ++sent, exchanges: exchanges.map(pack) };
    unacked.set(m.n, m);
    unackedCount += exchanges.length;
    for (const [n, old] of unacked) {
      if (unackedCount <= LIMITS.unackedExchangesMax || n === m.n) break;
      unacked.delete(n);
      unackedCount -= old.exchanges.length;
    }
    send(m);
  },
  urgent: (x) => x.error !== null,
  waiting: () => unacked.size > 0,
});

function connect(): void {
  const connectedAt = Date.now();
  const p = chrome.runtime.connect({ name: devtoolsPortName(tabId) });
  port = p;
  p.onMessage.addListener((raw: unknown) => {
    if (!isEnvelope(raw) || !('tabId' in raw.msg) || raw.msg.tabId !== tabId) return;
    if (raw.msg.type === 'reread') reread(raw.msg.ids);
    else if (raw.msg.type === 'stored') {
      for (const [n, m] of unacked) {
        if (n > raw.msg.upTo) break;
        unacked.delete(n);
        unackedCount -= m.exchanges.length;
      }
      outgoing.released();
    }
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
  for (const m of unacked.values()) send(m);
  for (const m of backlog.splice(0)) send(m);
  // A worker that stopped may have taken its re-read timer with it: look again at everything still unanswered.
  if (reconnecting) reread([...unanswered.keys()]);
  reconnecting = true;
}

function send(m: DevtoolsExchange | Navigated | PageErrorReport): void {
  // In the order they happened: the exchanges before a navigation belong to the page it left.
  if (m.type !== 'exchange') outgoing.now();
  if (port) {
    try {
      port.postMessage(wrap(m));
      return;
    } catch {
      port = null;
    }
  }
  if (m.type === 'exchange') return; // kept in `unacked` until stored
  backlog.push(m);
  if (backlog.length > LIMITS.unackedExchangesMax) backlog.shift();
}

connect();

// The inspected page's origin: the last resort for an entry that names none (har-exchanges.ts).
let pageOrigin: string | undefined;
chrome.devtools.inspectedWindow.eval<string>('location.href', (href, failure) => {
  if (failure === undefined && pageOrigin === undefined) pageOrigin = urlOrigin(href);
});
const assembler = createHarAssembler(
  tabId,
  // Ids must not repeat across DevTools sessions of the tab (the worker keeps records across them).
  `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
  () => pageOrigin,
);

/** Failed exchanges sent without a response (of the request, or of its preflight), with the entry of the request
 * (when it had none) and how often they were read again, until the worker asks to read them again (`reread`). */
interface Unanswered {
  x: WireExchange;
  entry: HarEntryLike;
  noResponse: boolean;
  tries: number;
}
const unanswered = new Map<string, Unanswered>();

function emit(x: WireExchange, entry?: HarEntryLike): void {
  outgoing.push(x);
  const u = unanswered.get(x.key);
  const noResponse = entry ? entry.response.status <= 0 : (u?.noResponse ?? false);
  if (x.error !== null && (noResponse || x.preflight?.status === 0)) {
    unanswered.set(x.key, { x, entry: entry ?? (u as Unanswered).entry, noResponse, tries: u?.tries ?? 0 });
    if (unanswered.size > LIMITS.unackedExchangesMax) unanswered.delete(unanswered.keys().next().value ?? '');
  } else unanswered.delete(x.key);
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
  const x = assembler.add(entry, Date.now());
  // A preflight or a 3xx re-sends an earlier exchange: its own entry is not that exchange's last.
  if (x) emit(x, entry._resourceType === 'preflight' || unanswered.has(x.key) ? undefined : entry);
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
    // The entries are among the newest: search from the end.
    const find = (old: HarEntryLike | undefined): HarEntryLike | undefined => {
      for (let i = entries.length - 1; old && i >= 0; i--)
        if (sameRequest(entries[i] as HarEntryLike, old)) return entries[i];
      return undefined;
    };
    for (const [id, u] of asked) {
      const fresh = u.noResponse ? find(u.entry) : undefined;
      const more = amend(u.x, fresh, find(assembler.preflightEntry(id)), u.noResponse);
      if (more) {
        if (fresh && fresh.response.status > 0) u.noResponse = false;
        emit(more);
      }
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

const boundary = navigationBoundary(LIMITS.navigationStartMaxAgeMs);
chrome.devtools.network.onNavigated.addListener((url) => {
  pageOrigin = urlOrigin(url);
  hook();
  // The boundary is the new document's own time, not this moment: the new page's first failures can reach this page
  // before the navigation does (navigation-start.ts). What arrives meanwhile is sent first, and sorted by time.
  const heard = Date.now();
  chrome.devtools.inspectedWindow.eval<unknown>(NAVIGATION_START_EXPRESSION, (said, failure) => {
    send({ type: 'navigated', tabId, at: boundary(failure === undefined ? said : undefined, heard) });
  });
});
