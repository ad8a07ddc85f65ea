// The layout of chrome.storage.session (written by persistence.ts) and reading it back after a worker restart: per
// tab, one compact string per record (`r:<tab>:<id>`, record-codec.ts), the strings they share (`s:<tab>:<n>`,
// string-table.ts) and the tab's counters (`t:<tab>`); plus the inspected and precise tab lists.
import type { ExchangeRecord } from '../shared/model.ts';
import { createTabState, type TabState } from './tab-store.ts';
import { decodeRecord } from './record-codec.ts';
import { createStringTable, type StringTable } from './string-table.ts';

export const recordKey = (tabId: number, id: string): string => `r:${tabId}:${id}`;
export const stringKey = (tabId: number, id: number): string => `s:${tabId}:${id}`;
export const tabKey = (tabId: number): string => `t:${tabId}`;
export const INSPECTED = 'inspected';
export const PRECISE = 'precise';
const numbers = (v: unknown): number[] =>
  Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];

export interface TabMeta {
  seq: number;
  preserveLog: boolean;
}

export const tableIn = (tables: Map<number, StringTable>, tabId: number): StringTable => {
  let t = tables.get(tabId);
  if (!t) tables.set(tabId, (t = createStringTable()));
  return t;
};

export interface StoredState {
  /** Each tab's records, oldest first. */
  records: Map<number, ExchangeRecord[]>;
  metas: Map<number, TabMeta>;
  tables: Map<number, StringTable>;
  /** Records that could not be read back (none, unless storage was changed behind the extension's back). */
  unreadable: number;
}

/** Everything storage.session holds, read back: the string tables first, then the records that use them. */
export function readStored(all: Record<string, unknown>): StoredState {
  const out: StoredState = { records: new Map(), metas: new Map(), tables: new Map(), unreadable: 0 };
  const tableOf = (tabId: number): StringTable => tableIn(out.tables, tabId);
  const entries = Object.entries(all).map(([k, v]) => [k.split(':'), v] as const);
  for (const [[kind, tab, id], v] of entries)
    if (kind === 's' && typeof v === 'string') tableOf(Number(tab)).load(Number(id), v);
  for (const [[kind, tab], v] of entries) {
    const tabId = Number(tab);
    if (kind === 't') out.metas.set(tabId, v as TabMeta);
    if (kind !== 'r') continue;
    try {
      const table = tableOf(tabId);
      const list = out.records.get(tabId) ?? [];
      list.push(decodeRecord(JSON.parse(v as string), tabId, (id) => table.get(id)));
      out.records.set(tabId, list);
    } catch {
      out.unreadable++;
    }
  }
  for (const list of out.records.values())
    list.sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
  return out;
}

export interface Loaded {
  tabs: Map<number, TabState>;
  inspected: number[];
  /** Tabs precise mode was on for: their debugger session outlives the worker. */
  precise: number[];
}

/** What a restarted worker resumes (each tab's records, oldest first, and counters), and the string tables those
 * records use, which the writer keeps using. */
export function loadStored(all: Record<string, unknown>): {
  loaded: Loaded;
  tables: Map<number, StringTable>;
} {
  const stored = readStored(all);
  const tabs = new Map<number, TabState>();
  for (const tabId of new Set([...stored.records.keys(), ...stored.metas.keys()])) {
    const meta = stored.metas.get(tabId) ?? { seq: 0, preserveLog: false };
    tabs.set(tabId, createTabState(tabId, stored.records.get(tabId) ?? [], meta.seq, meta.preserveLog));
  }
  return {
    loaded: { tabs, inspected: numbers(all[INSPECTED]), precise: numbers(all[PRECISE]) },
    tables: stored.tables,
  };
}
