// The service worker's logic behind its listeners. No chrome.*: index.ts wires real events in, the tests wire
// fakes, so a worker restart is just a new service over the same storage. The state lives in service-state.ts,
// the network and page inputs in service-inputs.ts; here are the tabs' lifecycle and the panels' controls.
import type { AllTabsState, PanelCommand, PanelEvent, PreciseState } from '../shared/protocol.ts';
import { LIMITS } from '../shared/limits.ts';
import type { ExchangeRecord } from '../shared/model.ts';
import { createServiceState, type ServiceDeps } from './service-state.ts';
import { createServiceInputs } from './service-inputs.ts';

export type { ServiceDeps } from './service-state.ts';

export function createCaptureService(deps: ServiceDeps) {
  const s = createServiceState(deps);
  const { withState, tabOf, inspection, precise } = s;
  let lastTrim = -Infinity;

  return {
    ...createServiceInputs(s),

    /** Whether a tab is recorded, and whether webRequest events are wanted at all ("Record all tabs" is on).
     * Until the state is loaded, everything is: events are queued, then sorted. */
    isRecorded: (tabId: number): boolean => !s.loaded() || s.recorded(tabId),
    wantsWebRequest: (): boolean => !s.loaded() || s.allTabs() === 'on',
    /** How long a change (a record's, or null) may wait to be written (limits.ts persistDelayMs): with DevTools'
     * log as the source any change can wait, since the devtools page keeps each exchange until it is stored; with
     * webRequest an allowed one can, and a failure cannot. */
    persistDelayMs: (record: ExchangeRecord | null): number => {
      if (s.loaded() && s.allTabs() !== 'on') return LIMITS.persistAllowedDelayMs;
      return record?.observed.netError === null ? LIMITS.persistAllowedDelayMs : LIMITS.persistDelayMs;
    },

    /** The "Record all tabs" permission changed (it takes effect at the next browser start: 'restart'). */
    setAllTabs(state: AllTabsState): void {
      withState(() => {
        s.setAllTabs(state);
        for (const tab of s.tabs()?.values() ?? []) s.emitSettings(tab);
      });
    },

    navigated(tabId: number, at: number): void {
      withState(() => {
        const tab = s.tabs()?.get(tabId);
        if (tab && !tab.preserveLog) s.reset(tab, 'navigated', at);
      });
    },

    /** A top-level navigation Chrome reported (tabs.onUpdated, "Record all tabs" only): it clears a tab that has
     * no DevTools open; an inspected tab hears it from DevTools, at the moment its Network panel clears. */
    tabNavigated(tabId: number, at: number): void {
      withState(() => {
        if (s.allTabs() === 'on' && !inspection.has(tabId)) this.navigated(tabId, at);
      });
    },

    tabClosed(tabId: number): void {
      withState(() => {
        const tab = s.tabs()?.get(tabId);
        inspection.forget(tabId);
        if (!tab) return;
        s.tabs()?.delete(tabId);
        s.forget(tabId);
        deps.persistence.dropTab(tab);
        deps.router().publish(tabId, { type: 'reset', tabId, seq: tab.seq + 1, reason: 'closed' });
      });
    },

    command(tabId: number, cmd: PanelCommand): void {
      withState(() => {
        const tab = tabOf(tabId);
        if (cmd.type === 'clear') s.reset(tab, 'cleared');
        else if (cmd.type === 'set-preserve-log') {
          tab.preserveLog = cmd.value;
          s.emitSettings(tab);
        } else if (cmd.type === 'set-precise') deps.setPrecise?.(tabId, cmd.value);
      });
    },

    snapshot(tabId: number): Promise<PanelEvent> {
      return new Promise((resolve) => {
        withState(() => {
          s.flush(); // deltas queued in this task would otherwise arrive after, and duplicate, the snapshot
          const tab = tabOf(tabId);
          resolve({
            type: 'snapshot',
            tabId,
            seq: tab.seq,
            records: [...tab.records.values()],
            preserveLog: tab.preserveLog,
            precise: precise.get(tabId) ?? 'off',
            allTabs: s.allTabs(),
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

    preciseState(tabId: number, state: PreciseState): void {
      precise.set(tabId, state);
      deps.persistence.savePrecise([...precise].flatMap(([t, x]) => (x === 'on' ? [t] : [])));
      withState(() => {
        s.emitSettings(tabOf(tabId));
      });
    },

    /** storage.session is full (10 MB: about 30 000 compact records, docs/architecture.md#compact-storage): the oldest fifth of the largest tab leaves storage,
     * not memory. The panel keeps the whole ring while this worker lives; a restart rebuilds the newest part. */
    trimForQuota(): void {
      // A burst fails many writes at once: one trim per second, or they would cascade and empty storage.
      if (deps.now() - lastTrim < 1_000) return;
      lastTrim = deps.now();
      withState(() => {
        const biggest = [...(s.tabs()?.values() ?? [])].sort((a, b) => b.records.size - a.records.size)[0];
        if (!biggest?.records.size) return;
        const gone = s.unstored.get(biggest.tabId) ?? new Set<string>();
        s.unstored.set(biggest.tabId, gone);
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
      tabs: s.tabs()?.size ?? 0,
      records: [...(s.tabs()?.values() ?? [])].reduce((n, t) => n + t.records.size, 0),
    }),
  };
}

export type CaptureService = ReturnType<typeof createCaptureService>;
