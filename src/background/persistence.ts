// The only storage caller: per-tab state in chrome.storage.session, which survives worker restarts (measured:
// docs/chromium-behaviour.md#service-worker-lifetime) but not a browser restart, which is what evidence about live tabs should do.
// One key per record, so a batch writes only what changed; rebuilt lazily by the first event after a restart (the
// layout and reading it back: stored-state.ts).
// Records are stored compactly (record-codec.ts, string-table.ts): 10 000 per tab fit in the 10 MB quota.
import type { ExchangeRecord } from '../shared/model.ts';
import { LIMITS } from '../shared/limits.ts';
import type { TabState } from './tab-store.ts';
import { encodeRecord } from './record-codec.ts';
import type { StringTable } from './string-table.ts';
import { INSPECTED, PRECISE, loadStored, recordKey, stringKey, tabKey, tableIn } from './stored-state.ts';
import type { Loaded, TabMeta } from './stored-state.ts';

/** The part of chrome.storage.session used here (a Map-backed fake in tests). */
export interface SessionStorage {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface Persistence {
  load(): Promise<Loaded>;
  saveRecord(tabId: number, rec: ExchangeRecord): void;
  /** `evicted`: pushed out by newer records, whose own writes carry the removal (it waits as long as they do). */
  removeRecords(tabId: number, ids: readonly string[], evicted?: boolean): void;
  saveTab(tab: TabState): void;
  dropTab(tab: TabState): void;
  saveInspected(tabIds: readonly number[]): void;
  savePrecise(tabIds: readonly number[]): void;
  /** Resolves once everything marked so far is written. */
  flush(): Promise<void>;
}

/** `delayMs(record)`: how long a change may wait to be written together with others (0: at the end of the task);
 * a record's change asks with the record, removals and the inspected and precise tabs with null. A tab's sequence
 * number and settings, and records evicted by newer ones, ride with the next write, at the latest
 * `LIMITS.persistAllowedDelayMs` later. */
export function createPersistence(
  storage: SessionStorage,
  onWriteError: (e: unknown) => void,
  delayMs: (record: ExchangeRecord | null) => number = () => LIMITS.persistDelayMs,
  now: () => number = () => Date.now(),
): Persistence {
  let dirty = new Map<string, unknown>();
  let removed = new Set<string>();
  /** The next write: when it is due, and how to start it sooner (a change that may wait less than those before). */
  let scheduled: {
    due: number;
    fire: () => void;
    timer?: ReturnType<typeof setTimeout>;
    done: Promise<void>;
  } | null = null;
  /** The latest write, scheduled or under way (`scheduled` is cleared as soon as a write starts). */
  let latest: Promise<void> = Promise.resolve();

  const tables = new Map<number, StringTable>();
  const tableOf = (tabId: number): StringTable => tableIn(tables, tabId);

  /** The batch in its stored form, with the strings its records use that storage does not hold yet: a record and
   * its strings are written by the same call, so no stored record ever refers to a string storage lacks. */
  const encode = (batch: Map<string, unknown>) => {
    const items: Record<string, unknown> = {};
    const unstored = new Map<number, Set<number>>();
    for (const [k, v] of batch) {
      if (!k.startsWith('r:')) {
        items[k] = v;
        continue;
      }
      const tabId = Number(k.split(':')[1]);
      const table = tableOf(tabId);
      const ids = unstored.get(tabId) ?? new Set<number>();
      unstored.set(tabId, ids);
      // One string per record: storage.session charges each stored value by its memory estimate, so a list of 50
      // small values costs several times its JSON text (measured: docs/architecture.md#compact-storage).
      items[k] = JSON.stringify(encodeRecord(v as ExchangeRecord, tabId, (s) => table.ref(s, ids)));
    }
    for (const [tabId, ids] of unstored)
      for (const id of ids) items[stringKey(tabId, id)] = tables.get(tabId)?.get(id);
    return { items, unstored };
  };

  let retried = false;
  const write = async (): Promise<void> => {
    const batch = dirty;
    const { items, unstored } = encode(batch);
    const gone = [...removed];
    dirty = new Map();
    removed = new Set();
    scheduled = null;
    try {
      if (gone.length) await storage.remove(gone);
      if (Object.keys(items).length) await storage.set(items);
      for (const [tabId, ids] of unstored) tables.get(tabId)?.stored(ids);
      retried = false;
    } catch (e) {
      // Quota (10 MB): the caller trims the oldest records; this batch is retried once, minus what was removed.
      if (!retried) for (const [k, v] of batch) if (!removed.has(k) && !dirty.has(k)) dirty.set(k, v);
      retried = !retried;
      onWriteError(e);
      if (dirty.size || removed.size) schedule(delayMs(null));
    }
  };

  /** One write serves every change made before it starts; a change that may not wait as long brings it forward. */
  const schedule = (wait: number): void => {
    if (!scheduled) {
      let fire = (): void => undefined;
      const done = new Promise<void>((r) => (fire = r)).then(write);
      scheduled = { due: Infinity, fire, done };
      latest = done;
    }
    const next = scheduled;
    const due = now() + wait;
    if (next.due <= due) return;
    next.due = due;
    clearTimeout(next.timer);
    if (wait <= 0) next.fire();
    else next.timer = setTimeout(next.fire, wait);
  };

  const mark = (key: string, value: unknown, wait: number): void => {
    removed.delete(key);
    dirty.set(key, value);
    schedule(wait);
  };
  const unmark = (key: string, wait = delayMs(null)): void => {
    dirty.delete(key);
    removed.add(key);
    schedule(wait);
  };

  return {
    async load() {
      const { loaded, tables: stored } = loadStored(await storage.get(null));
      for (const [tabId, t] of stored) tables.set(tabId, t);
      return loaded;
    },
    saveRecord: (tabId, rec) => {
      mark(recordKey(tabId, rec.id), rec, delayMs(rec));
    },
    removeRecords: (tabId, ids, evicted = false) => {
      const wait = evicted ? LIMITS.persistAllowedDelayMs : delayMs(null);
      for (const id of ids) unmark(recordKey(tabId, id), wait);
    },
    saveTab: (tab) => {
      const meta: TabMeta = { seq: tab.seq, preserveLog: tab.preserveLog };
      mark(tabKey(tab.tabId), meta, LIMITS.persistAllowedDelayMs);
    },
    dropTab: (tab) => {
      unmark(tabKey(tab.tabId));
      for (const id of tab.records.keys()) unmark(recordKey(tab.tabId, id));
      for (const id of tables.get(tab.tabId)?.ids() ?? []) unmark(stringKey(tab.tabId, id));
      tables.delete(tab.tabId);
    },
    saveInspected: (tabIds) => {
      mark(INSPECTED, [...tabIds], delayMs(null));
    },
    savePrecise: (tabIds) => {
      mark(PRECISE, [...tabIds], delayMs(null));
    },
    flush: async () => {
      while (scheduled) await scheduled.done;
      await latest;
    },
  };
}
