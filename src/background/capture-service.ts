// The service worker's logic behind its listeners: lazy state, which tabs are inspected, the store, persistence
// and panel fan-out. No chrome.*: index.ts wires real events in, the tests wire fakes, so a worker restart is
// just a new service over the same storage.
import type {
  AllTabsState,
  DevtoolsExchange,
  NetworkAnnotation,
  PanelCommand,
  PanelEvent,
  PreciseState,
} from '../shared/protocol.ts';
import { LIMITS } from '../shared/limits.ts';
import type { ChromeVerdict } from './precise.ts';
import {
  annotateNetwork,
  annotatePageError,
  claimPendingPageError,
  claimVerdict,
  touchesUrl,
  type PendingPageError,
} from './annotate.ts';
import type { ValidPageError } from './page-input.ts';
import type { Loaded, Persistence } from './persistence.ts';
import type { PanelRouter } from './panel-router.ts';
import {
  applyCapture,
  createTabState,
  recordId,
  resetTab,
  type CaptureEvent,
  type Effect,
  type TabState,
} from './tab-store.ts';
import { createInspection, type Inspection } from './inspection.ts';
import { createOutbox } from './outbox.ts';
import { createBatch } from './batch.ts';
import { nextSettle, settleSuccesses } from './successes.ts';
import {
  devtoolsRequestId,
  exchangeAnnotations,
  exchangeEvents,
  inherit,
  needsReread,
  takeForReplay,
} from './devtools-capture.ts';

export interface ServiceDeps {
  persistence: Persistence;
  router: () => PanelRouter;
  /** "Record all tabs" as the permissions stand when the worker starts (all-tabs.ts). */
  loadAllTabs?(): Promise<AllTabsState>;
  /** Asks the tab's devtools page to read these exchanges again from getHAR() (protocol.ts Reread). */
  reread?(tabId: number, ids: string[]): void;
  now(): number;
  setTimer(cb: () => void, ms: number): void;
  /** Precise mode on/off for a tab (precise.ts), and the tabs it was on for before a restart. */
  setPrecise?(tabId: number, on: boolean): void;
  resumePrecise?(tabIds: number[]): void;
}

interface Extras {
  failedAt: Map<string, number>;
  pendingErrors: PendingPageError[];
  /** Chrome verdicts (precise mode) that arrived before their failure. */
  pendingVerdicts: ChromeVerdict[];
}

export function createCaptureService(deps: ServiceDeps) {
  let tabs: Map<number, TabState> | null = null;
  let queue: (() => void)[] | null = [];
  let loading: Promise<void> | null = null;
  const extras = new Map<number, Extras>();
  const precise = new Map<number, PreciseState>();
  /** Records dropped from storage (not from memory) to stay under the quota, per tab. */
  const unstored = new Map<number, Set<string>>();
  let lastTrim = -Infinity;
  /** 'on': webRequest records every tab and DevTools only annotates; otherwise DevTools' log is the source. */
  let allTabs: AllTabsState = 'off';
  const recorded = (tabId: number): boolean => allTabs === 'on' || inspection.has(tabId);
  const rereads = createBatch(
    (cb, ms) => {
      deps.setTimer(cb, ms);
    },
    LIMITS.lateResponseMs,
    (tabId, ids) => deps.reread?.(tabId, ids),
  );
  const inspection: Inspection = createInspection({
    onChange: (ids) => {
      deps.persistence.saveInspected(ids);
      // Precise mode ends with the inspection: the debugger bar and a worker kept alive are not for idle tabs.
      for (const [tabId, s] of precise)
        if (s === 'on' && !ids.includes(tabId)) deps.setPrecise?.(tabId, false);
    },
    setTimer: (cb, ms) => {
      deps.setTimer(cb, ms);
    },
  });

  /** Runs `fn` once the state is rebuilt from storage; in arrival order until then, synchronously after. */
  const withState = (fn: () => void): void => {
    if (queue === null) {
      fn();
      return;
    }
    queue.push(fn);
    loading ??= Promise.all([
      deps.persistence.load(),
      deps.loadAllTabs?.() ?? Promise.resolve<AllTabsState>('off'),
    ]).then(([loaded, mode]: [Loaded, AllTabsState]) => {
      tabs = loaded.tabs;
      allTabs = mode;
      inspection.restore(loaded.inspected);
      if (loaded.precise.length) deps.resumePrecise?.(loaded.precise);
      const q = queue ?? [];
      queue = null;
      for (const f of q) f();
    });
  };

  const tabOf = (tabId: number): TabState => {
    const all = tabs as Map<number, TabState>;
    let t = all.get(tabId);
    if (!t) {
      t = createTabState(tabId);
      all.set(tabId, t);
    }
    return t;
  };
  const extrasOf = (tabId: number): Extras => {
    let e = extras.get(tabId);
    if (!e) extras.set(tabId, (e = { failedAt: new Map(), pendingErrors: [], pendingVerdicts: [] }));
    return e;
  };

  const outbox = createOutbox(deps.persistence, deps.router, (tabId) => tabs?.get(tabId));
  const emit = (tab: TabState, make: (seq: number) => PanelEvent): void => {
    outbox.emit(tab, make);
  };
  const commit = (tab: TabState, effect: Effect): void => {
    for (const id of effect.evicted) {
      extras.get(tab.tabId)?.failedAt.delete(id);
      unstored.get(tab.tabId)?.delete(id);
    }
    outbox.commit(tab, effect);
  };

  // One timer for all tabs settles allowed exchanges in batches: a burst of successes costs one write, not one each.
  let settleArmed = false;
  const armSettle = (tab: TabState): void => {
    const due = nextSettle(tab);
    if (settleArmed || due === null) return;
    settleArmed = true;
    deps.setTimer(sweep, Math.max(0, due - deps.now()));
  };
  const sweep = (): void => {
    settleArmed = false;
    withState(() => {
      for (const tab of tabs?.values() ?? []) commit(tab, settleSuccesses(tab, deps.now()));
      for (const tab of tabs?.values() ?? []) armSettle(tab);
    });
  };

  const emitSettings = (tab: TabState): void => {
    emit(tab, (seq) => ({
      type: 'settings',
      tabId: tab.tabId,
      seq,
      preserveLog: tab.preserveLog,
      precise: precise.get(tab.tabId) ?? 'off',
      allTabs,
    }));
  };

  const reset = (tab: TabState, reason: 'navigated' | 'cleared', before = Infinity): void => {
    outbox.drop(tab.tabId);
    unstored.delete(tab.tabId);
    deps.persistence.removeRecords(tab.tabId, resetTab(tab, before));
    extras.delete(tab.tabId);
    emit(tab, (seq) => ({ type: 'reset', tabId: tab.tabId, seq, reason }));
    if (tab.records.size) commit(tab, { changed: [...tab.records.values()], evicted: [] }); // the new page's own
  };

  return {
    /** Whether a tab is recorded, and whether webRequest events are wanted at all ("Record all tabs" is on).
     * Until the state is loaded, everything is: events are queued, then sorted. */
    isRecorded: (tabId: number): boolean => queue !== null || recorded(tabId),
    wantsWebRequest: (): boolean => queue !== null || allTabs === 'on',

    capture(
      ev: CaptureEvent & { sameOrigin: boolean },
      source: 'webRequest' | 'devtools' = 'webRequest',
    ): void {
      withState(() => {
        // webRequest events only count in "Record all tabs" mode: otherwise DevTools' log is the source, and
        // webRequest (granted this session, so not yet in effect) would only double it.
        if (source === 'webRequest' ? allTabs !== 'on' : allTabs === 'on') return;
        if (!recorded(ev.tabId)) return;
        const tab = tabOf(ev.tabId);
        if (ev.sameOrigin && !tab.records.has(recordId(ev.requestId))) return;
        const effect = applyCapture(tab, ev.kind === 'headers' ? { ...ev, receivedAt: deps.now() } : ev);
        const rec = effect.changed[0];
        if (ev.kind === 'failed' && rec) {
          const x = extrasOf(tab.tabId);
          x.failedAt.set(rec.id, ev.at);
          claimPendingPageError(rec, ev.at, x.pendingErrors);
          claimVerdict(rec, x.pendingVerdicts);
        }
        commit(tab, effect);
        if (ev.kind === 'headers') armSettle(tab);
      });
    },

    pageError(tabId: number, frameId: number, pe: ValidPageError): void {
      const at = deps.now();
      withState(() => {
        if (!recorded(tabId)) return;
        const tab = tabOf(tabId);
        const x = extrasOf(tabId);
        commit(
          tab,
          annotatePageError(tab, x.failedAt, { frameId, url: pe.url, at, error: pe.error }, x.pendingErrors),
        );
      });
    },

    annotate(tabId: number, ann: NetworkAnnotation): void {
      withState(() => {
        const tab = tabs?.get(tabId);
        if (tab) commit(tab, annotateNetwork(tab, ann));
      });
    },

    /** A finished exchange from DevTools' network log: the record itself, or annotations in "Record all tabs"
     * mode. Idempotent: the devtools page re-sends recent ones after a reconnect. */
    exchange(tabId: number, x: DevtoolsExchange): void {
      withState(() => {
        if (allTabs === 'on') {
          for (const ann of exchangeAnnotations(x)) this.annotate(tabId, ann);
          return;
        }
        const tab = tabOf(tabId);
        const old = takeForReplay(tab, x);
        if (old === 'skip') return;
        for (const ev of exchangeEvents(x)) this.capture(ev, 'devtools');
        const id = recordId(devtoolsRequestId(x));
        const rec = tab.records.get(id) ?? tab.inFlight.get(id);
        if (!rec || x.kind === 'preflight') return;
        if (old !== 'apply') inherit(rec, old);
        rec.callSite ??= x.callSite;
        rec.observed.kind = x.kind;
        commit(tab, { changed: [rec], evicted: [] });
        if (needsReread(rec, x)) rereads.add(tabId, x.id);
      });
    },

    /** The "Record all tabs" permission changed (it takes effect at the next browser start: 'restart'). */
    setAllTabs(state: AllTabsState): void {
      withState(() => {
        allTabs = state;
        for (const tab of tabs?.values() ?? []) emitSettings(tab);
      });
    },

    navigated(tabId: number, at: number): void {
      withState(() => {
        const tab = tabs?.get(tabId);
        if (tab && !tab.preserveLog) reset(tab, 'navigated', at);
      });
    },

    tabClosed(tabId: number): void {
      withState(() => {
        const tab = tabs?.get(tabId);
        inspection.forget(tabId);
        if (!tab) return;
        tabs?.delete(tabId);
        outbox.drop(tabId);
        unstored.delete(tabId);
        extras.delete(tabId);
        deps.persistence.dropTab(tab);
        deps.router().publish(tabId, { type: 'reset', tabId, seq: tab.seq + 1, reason: 'closed' });
      });
    },

    command(tabId: number, cmd: PanelCommand): void {
      withState(() => {
        const tab = tabOf(tabId);
        if (cmd.type === 'clear') reset(tab, 'cleared');
        else if (cmd.type === 'set-preserve-log') {
          tab.preserveLog = cmd.value;
          emitSettings(tab);
        } else if (cmd.type === 'set-precise') deps.setPrecise?.(tabId, cmd.value);
      });
    },

    snapshot(tabId: number): Promise<PanelEvent> {
      return new Promise((resolve) => {
        withState(() => {
          outbox.flush(); // deltas queued in this task would otherwise arrive after, and duplicate, the snapshot
          const tab = tabOf(tabId);
          resolve({
            type: 'snapshot',
            tabId,
            seq: tab.seq,
            records: [...tab.records.values()],
            preserveLog: tab.preserveLog,
            precise: precise.get(tabId) ?? 'off',
            allTabs,
          });
        });
      });
    },

    /** A devtools page or panel port opened for the tab; the returned function is its disconnect. */
    inspect(tabId: number): () => void {
      const release = inspection.acquire(tabId);
      withState(() => undefined); // make sure the state (and the restored inspection set) is loading
      return release;
    },

    /** Starts loading state now (the worker woke for a reason, the state will be needed). */
    warm(): void {
      withState(() => undefined);
    },

    /** Chrome's own verdict (precise mode) for a failure of the tab; kept briefly if the failure is still to come. */
    verdict(tabId: number, v: ChromeVerdict): void {
      withState(() => {
        const tab = tabs?.get(tabId);
        if (!tab) return;
        const rec = [...tab.recent]
          .reverse()
          .map((id) => tab.records.get(id))
          .find((r) => r && !r.observed.chromeVerdict && touchesUrl(r, v.url));
        if (rec) {
          rec.observed.chromeVerdict = { corsError: v.corsError, failedParameter: v.failedParameter };
          commit(tab, { changed: [rec], evicted: [] });
        } else {
          const pending = extrasOf(tabId).pendingVerdicts;
          pending.push(v);
          if (pending.length > LIMITS.pendingPageErrors) pending.shift();
        }
      });
    },

    preciseState(tabId: number, s: PreciseState): void {
      precise.set(tabId, s);
      deps.persistence.savePrecise([...precise].flatMap(([t, x]) => (x === 'on' ? [t] : [])));
      withState(() => {
        emitSettings(tabOf(tabId));
      });
    },

    /** storage.session is full (10 MB, about 4 000 records): the oldest fifth of the largest tab leaves storage,
     * not memory. The panel keeps the whole ring while this worker lives; a restart rebuilds the newest part. */
    trimForQuota(): void {
      // A burst fails many writes at once: one trim per second, or they would cascade and empty storage.
      if (deps.now() - lastTrim < 1_000) return;
      lastTrim = deps.now();
      withState(() => {
        const biggest = [...(tabs?.values() ?? [])].sort((a, b) => b.records.size - a.records.size)[0];
        if (!biggest?.records.size) return;
        const gone = unstored.get(biggest.tabId) ?? new Set<string>();
        unstored.set(biggest.tabId, gone);
        // Allowed records leave storage first: successes never push a failure out.
        const keys = [
          ...biggest.allowed,
          ...[...biggest.records.keys()].filter((id) => !biggest.allowed.has(id)),
        ];
        const ids = keys.filter((id) => !gone.has(id)).slice(0, Math.ceil(biggest.records.size / 5));
        for (const id of ids) gone.add(id);
        deps.persistence.removeRecords(biggest.tabId, ids);
      });
    },

    /** For tests and the memory benchmark. */
    stats: () => ({
      tabs: tabs?.size ?? 0,
      records: [...(tabs?.values() ?? [])].reduce((n, t) => n + t.records.size, 0),
    }),
  };
}

export type CaptureService = ReturnType<typeof createCaptureService>;
