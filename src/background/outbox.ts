// What leaves the store: deltas to the tab's panels (with the tab's next sequence number) and writes to
// storage.session, coalesced per task, so a record updated three times in one task is sent and written once.
import type { ExchangeRecord } from '../shared/model.ts';
import type { PanelEvent } from '../shared/protocol.ts';
import type { PanelRouter } from './panel-router.ts';
import type { Persistence } from './persistence.ts';
import type { Effect, TabState } from './tab-store.ts';

export interface Outbox {
  /** Sends one event with the tab's next sequence number, now. */
  emit(tab: TabState, make: (seq: number) => PanelEvent): void;
  /** Queues changed records for the end of the task; evicted ones leave storage. */
  commit(tab: TabState, effect: Effect): void;
  /** Sends what is queued now (before a snapshot, which must not be followed by older deltas). */
  flush(): void;
  /** Forgets what is queued for a tab being reset or closed. */
  drop(tabId: number): void;
}

export function createOutbox(
  persistence: Persistence,
  router: () => PanelRouter,
  tabOf: (tabId: number) => TabState | undefined,
): Outbox {
  const changed = new Map<number, Map<string, ExchangeRecord>>();
  let queued = false;

  const emit = (tab: TabState, make: (seq: number) => PanelEvent): void => {
    tab.seq++;
    router().publish(tab.tabId, make(tab.seq));
    persistence.saveTab(tab);
  };

  const flush = (): void => {
    queued = false;
    for (const [tabId, recs] of changed) {
      const tab = tabOf(tabId);
      if (!tab) continue;
      for (const record of recs.values()) {
        persistence.saveRecord(tabId, record);
        emit(tab, (seq) => ({ type: 'record', tabId, seq, record }));
      }
    }
    changed.clear();
  };

  return {
    emit,
    flush,
    commit(tab, effect) {
      if (!effect.changed.length && !effect.evicted.length) return;
      const pending = changed.get(tab.tabId) ?? new Map<string, ExchangeRecord>();
      changed.set(tab.tabId, pending);
      for (const r of effect.changed) pending.set(r.id, r);
      for (const id of effect.evicted) pending.delete(id);
      if (effect.evicted.length) persistence.removeRecords(tab.tabId, effect.evicted, true);
      if (queued) return;
      queued = true;
      queueMicrotask(flush);
    },
    drop: (tabId) => changed.delete(tabId),
  };
}
