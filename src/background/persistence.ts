// The only storage caller: per-tab state in chrome.storage.session, which survives worker restarts (measured:
// docs/chromium-behaviour.md#service-worker-lifetime) but not a browser restart, which is what evidence about live tabs should do.
// One key per record, so a batch writes only what changed; rebuilt lazily by the first event after a restart.
import type { ObservedHop } from '../engine/types.ts';
import type { ExchangeRecord } from '../shared/model.ts';
import { LIMITS } from '../shared/limits.ts';
import { createTabState, type TabState } from './tab-store.ts';

/** The part of chrome.storage.session used here (a Map-backed fake in tests). */
export interface SessionStorage {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface Loaded {
  tabs: Map<number, TabState>;
  inspected: number[];
  /** Tabs precise mode was on for: their debugger session outlives the worker. */
  precise: number[];
}

export interface Persistence {
  load(): Promise<Loaded>;
  saveRecord(tabId: number, rec: ExchangeRecord): void;
  removeRecords(tabId: number, ids: readonly string[]): void;
  saveTab(tab: TabState): void;
  dropTab(tab: TabState): void;
  saveInspected(tabIds: readonly number[]): void;
  savePrecise(tabIds: readonly number[]): void;
  /** Resolves once everything marked so far is written. */
  flush(): Promise<void>;
}

/** Stored form: a hop whose request headers are the request's own (the first hop, nearly always) stores null
 * instead of a second copy. */
function pack(r: ExchangeRecord): unknown {
  const o = r.observed;
  if (!o.requestHeaders || !o.hops.length) return r;
  const same = (h: ObservedHop): boolean =>
    h.requestHeaders === o.requestHeaders ||
    JSON.stringify(h.requestHeaders) === JSON.stringify(o.requestHeaders);
  return {
    ...r,
    observed: { ...o, hops: o.hops.map((h) => (same(h) ? { ...h, requestHeaders: null } : h)) },
  };
}

function unpack(v: unknown): ExchangeRecord {
  const r = v as ExchangeRecord;
  const shared = r.observed.requestHeaders ?? {};
  for (const h of r.observed.hops as unknown as { requestHeaders: ObservedHop['requestHeaders'] | null }[])
    h.requestHeaders ??= shared;
  return r;
}

const recordKey = (tabId: number, id: string): string => `r:${tabId}:${id}`;
const tabKey = (tabId: number): string => `t:${tabId}`;
const INSPECTED = 'inspected';
const PRECISE = 'precise';
const numbers = (v: unknown): number[] =>
  Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];

interface TabMeta {
  seq: number;
  preserveLog: boolean;
}

/** `delayMs`: how long changes may wait to be written together (read at each write; 0: at the end of the task). */
export function createPersistence(
  storage: SessionStorage,
  onWriteError: (e: unknown) => void,
  delayMs: () => number = () => LIMITS.persistDelayMs,
): Persistence {
  let dirty = new Map<string, unknown>();
  let removed = new Set<string>();
  let scheduled: Promise<void> | null = null;
  /** The latest write, scheduled or under way (`scheduled` is cleared as soon as a write starts). */
  let latest: Promise<void> = Promise.resolve();

  let retried = false;
  const write = async (): Promise<void> => {
    const batch = dirty;
    const items = Object.fromEntries(
      [...batch].map(([k, v]) => [k, k.startsWith('r:') ? pack(v as ExchangeRecord) : v]),
    );
    const gone = [...removed];
    dirty = new Map();
    removed = new Set();
    scheduled = null;
    try {
      if (gone.length) await storage.remove(gone);
      if (Object.keys(items).length) await storage.set(items);
      retried = false;
    } catch (e) {
      // Quota (10 MB): the caller trims the oldest records; this batch is retried once, minus what was removed.
      if (!retried) for (const [k, v] of batch) if (!removed.has(k) && !dirty.has(k)) dirty.set(k, v);
      retried = !retried;
      onWriteError(e);
      if (dirty.size || removed.size) schedule();
    }
  };

  const schedule = (): void => {
    if (scheduled) return;
    const delay = delayMs();
    scheduled =
      delay === 0
        ? Promise.resolve().then(write)
        : new Promise<void>((r) => setTimeout(r, delay)).then(write);
    latest = scheduled;
  };

  const mark = (key: string, value: unknown): void => {
    removed.delete(key);
    dirty.set(key, value);
    schedule();
  };
  const unmark = (key: string): void => {
    dirty.delete(key);
    removed.add(key);
    schedule();
  };

  return {
    async load() {
      const all = await storage.get(null);
      const byTab = new Map<number, ExchangeRecord[]>();
      const metas = new Map<number, TabMeta>();
      for (const [k, v] of Object.entries(all)) {
        const [kind, tab] = k.split(':');
        const tabId = Number(tab);
        if (kind === 'r') {
          const list = byTab.get(tabId) ?? [];
          list.push(unpack(v));
          byTab.set(tabId, list);
        } else if (kind === 't') metas.set(tabId, v as TabMeta);
      }
      const tabs = new Map<number, TabState>();
      for (const tabId of new Set([...byTab.keys(), ...metas.keys()])) {
        const recs = (byTab.get(tabId) ?? []).sort(
          (a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id),
        );
        const meta = metas.get(tabId) ?? { seq: 0, preserveLog: false };
        tabs.set(tabId, createTabState(tabId, recs, meta.seq, meta.preserveLog));
      }
      return { tabs, inspected: numbers(all[INSPECTED]), precise: numbers(all[PRECISE]) };
    },
    saveRecord: (tabId, rec) => {
      mark(recordKey(tabId, rec.id), rec);
    },
    removeRecords: (tabId, ids) => {
      for (const id of ids) unmark(recordKey(tabId, id));
    },
    saveTab: (tab) => {
      mark(tabKey(tab.tabId), { seq: tab.seq, preserveLog: tab.preserveLog } satisfies TabMeta);
    },
    dropTab: (tab) => {
      unmark(tabKey(tab.tabId));
      for (const id of tab.records.keys()) unmark(recordKey(tab.tabId, id));
    },
    saveInspected: (tabIds) => {
      mark(INSPECTED, [...tabIds]);
    },
    savePrecise: (tabIds) => {
      mark(PRECISE, [...tabIds]);
    },
    flush: async () => {
      while (scheduled) await scheduled;
      await latest;
    },
  };
}
