// The service worker's state behind its listeners: rebuilt lazily from storage.session, the tabs' stores, which
// tabs are recorded, and what leaves for panels and storage. The service's inputs (service-inputs.ts) and controls
// (capture-service.ts) share it.
import type { WebRequestDialect } from '../platform/web-request-dialect.ts';
import type { AllTabsState, PanelEvent, PreciseState } from '../shared/protocol.ts';
import { LIMITS } from '../shared/limits.ts';
import type { ChromeVerdict } from './precise.ts';
import type { PendingPageError } from './page-errors.ts';
import type { Persistence } from './persistence.ts';
import type { Loaded } from './stored-state.ts';
import type { PanelRouter } from './panel-router.ts';
import { createTabState, resetTab, type Effect, type TabState } from './tab-store.ts';
import { createInspection, type Inspection } from './inspection.ts';
import { createOutbox } from './outbox.ts';
import { createBatch } from './batch.ts';

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
  /** The tabs a tabless worker's request of this origin belongs to (web-request-owners.ts); none when absent. */
  ownersOf?(origin: string): number[];
  /** The running browser's webRequest (platform/web-request-dialect.ts); Chrome's when absent. */
  webRequest?: Pick<WebRequestDialect, 'completesBlockedResponses' | 'preflightAfterRequest'>;
}

export interface Extras {
  pendingErrors: PendingPageError[];
  /** Chrome verdicts (precise mode) that arrived before their failure, with when (the worker's clock). */
  pendingVerdicts: (ChromeVerdict & { arrivedAt: number })[];
}

export function createServiceState(deps: ServiceDeps) {
  let tabs: Map<number, TabState> | null = null;
  let queue: (() => void)[] | null = [];
  let loading: Promise<void> | null = null;
  const extras = new Map<number, Extras>();
  const precise = new Map<number, PreciseState>();
  /** Records dropped from storage (not from memory) to stay under the quota, per tab. */
  const unstored = new Map<number, Set<string>>();
  /** 'on': webRequest records every tab and DevTools only annotates; otherwise DevTools' log is the source. */
  let allTabs: AllTabsState = 'off';
  const setTimer = (cb: () => void, ms: number): void => {
    deps.setTimer(cb, ms);
  };
  const inspection: Inspection = createInspection({
    onChange: (ids) => {
      deps.persistence.saveInspected(ids);
      // Precise mode ends with the inspection: the debugger bar and a worker kept alive are not for idle tabs.
      for (const [tabId, s] of precise)
        if (s === 'on' && !ids.includes(tabId)) deps.setPrecise?.(tabId, false);
    },
    setTimer,
  });
  const rereads = createBatch(setTimer, LIMITS.lateResponseMs, (tabId, ids) => deps.reread?.(tabId, ids));

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
    if (!e) extras.set(tabId, (e = { pendingErrors: [], pendingVerdicts: [] }));
    return e;
  };

  const outbox = createOutbox(deps.persistence, deps.router, (tabId) => tabs?.get(tabId));
  const emit = (tab: TabState, make: (seq: number) => PanelEvent): void => {
    outbox.emit(tab, make);
  };
  const commit = (tab: TabState, effect: Effect): void => {
    for (const id of effect.evicted) unstored.get(tab.tabId)?.delete(id);
    outbox.commit(tab, effect);
  };
  /** Forgets what is queued or kept aside for a tab being cleared or closed; `verdictsSince`: Chrome's verdicts that
   * arrived since then stay (see reset). */
  const forget = (tabId: number, verdictsSince = Infinity): void => {
    outbox.drop(tabId);
    unstored.delete(tabId);
    const kept = extras.get(tabId)?.pendingVerdicts.filter((v) => v.arrivedAt >= verdictsSince) ?? [];
    extras.delete(tabId);
    if (kept.length) extrasOf(tabId).pendingVerdicts.push(...kept);
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
    // Precise mode's verdicts come straight from Chromium, and the news of a navigation through DevTools or the tabs
    // API: a verdict for the new page's first loads can come first (measured: test/e2e/capture-precise.spec.ts, a
    // module script in the page's HTML). Those of the last moments before the navigation stay.
    forget(tab.tabId, reason === 'navigated' ? before - LIMITS.verdictCarryMs : Infinity);
    deps.persistence.removeRecords(tab.tabId, resetTab(tab, before));
    emit(tab, (seq) => ({ type: 'reset', tabId: tab.tabId, seq, reason }));
    if (tab.records.size) commit(tab, { changed: [...tab.records.values()], evicted: [] }); // the new page's own
  };

  return {
    deps,
    withState,
    /** The tabs, once loaded (null before: use withState). */
    tabs: () => tabs,
    loaded: () => queue === null,
    tabOf,
    extrasOf,
    emit,
    commit,
    forget,
    flush: () => {
      outbox.flush();
    },
    emitSettings,
    reset,
    inspection,
    precise,
    unstored,
    rereads,
    allTabs: () => allTabs,
    setAllTabs: (s: AllTabsState) => (allTabs = s),
    recorded: (tabId: number): boolean => allTabs === 'on' || inspection.has(tabId),
  };
}

export type ServiceState = ReturnType<typeof createServiceState>;
