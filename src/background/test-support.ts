// Fakes and builders for the service worker's unit tests: capture events in a readable form, a Map-backed
// storage.session, and ports that count their listeners.
import type { HeaderMap } from '../engine/types.ts';
import type { SessionStorage } from './persistence.ts';
import { readStored } from './stored-state.ts';
import type { ExchangeRecord } from '../shared/model.ts';
import type { RouterPort } from './panel-router.ts';
import type { CaptureEvent } from './web-request-exchanges.ts';
import type { CapturedExchange, Hop } from '../shared/exchange.ts';

export const PAGE = 'http://localhost:3000';
export const API = 'http://127.0.0.1:8000';

type Common = { tabId?: number; frameId?: number; url?: string; method?: string; type?: string; at: number };
const base = (id: string, c: Common) => ({
  requestId: id,
  tabId: c.tabId ?? 1,
  frameId: c.frameId ?? 0,
  url: c.url ?? `${API}/a`,
  method: c.method ?? 'GET',
  type: c.type ?? 'xmlhttprequest',
  pageOrigin: PAGE,
  at: c.at,
});

export const ev = {
  sent: (id: string, c: Common & { headers?: HeaderMap }): CaptureEvent => ({
    ...base(id, c),
    kind: 'sent',
    headers: c.headers ?? { origin: PAGE },
    preflightFor: null,
  }),
  preflight: (id: string, forMethod: string, c: Common): CaptureEvent => ({
    ...base(id, { ...c, method: 'OPTIONS' }),
    kind: 'sent',
    headers: { origin: PAGE, 'access-control-request-method': forMethod },
    preflightFor: forMethod,
  }),
  headers: (id: string, status: number, c: Common & { headers?: HeaderMap }): CaptureEvent => ({
    ...base(id, c),
    kind: 'headers',
    status,
    headers: c.headers ?? {},
  }),
  failed: (id: string, c: Common): CaptureEvent => ({
    ...base(id, c),
    kind: 'failed',
    error: 'net::ERR_FAILED',
  }),
};

/** `writes` counts set() calls, `removes` remove() calls. */
export function fakeStorage(): SessionStorage & {
  data: Map<string, unknown>;
  writes: number;
  removes: number;
} {
  const data = new Map<string, unknown>();
  const clone = <T>(v: T): T => structuredClone(v);
  const s = {
    data,
    writes: 0,
    removes: 0,
    get: () => Promise.resolve(Object.fromEntries([...data].map(([k, v]) => [k, clone(v)]))),
    set: (items: Record<string, unknown>) => {
      s.writes++;
      for (const [k, v] of Object.entries(items)) data.set(k, clone(v));
      return Promise.resolve();
    },
    remove: (keys: string[]) => {
      s.removes++;
      for (const k of keys) data.delete(k);
      return Promise.resolve();
    },
  };
  return s;
}

/** A tab's records as storage holds them, read back the way a restarted worker reads them. */
export const storedRecords = (storage: { data: Map<string, unknown> }, tabId: number): ExchangeRecord[] =>
  readStored(Object.fromEntries(storage.data)).records.get(tabId) ?? [];

export function fakePort() {
  const msg = new Set<(m: unknown) => void>();
  const disc = new Set<() => void>();
  const posted: unknown[] = [];
  const port: RouterPort & { posted: unknown[]; listeners(): number; emit(m: unknown): void; drop(): void } =
    {
      posted,
      postMessage: (m) => posted.push(structuredClone(m)),
      onMessage: { addListener: (cb) => msg.add(cb), removeListener: (cb) => msg.delete(cb) },
      onDisconnect: { addListener: (cb) => disc.add(cb), removeListener: (cb) => disc.delete(cb) },
      listeners: () => msg.size + disc.size,
      emit: (m) => {
        for (const cb of [...msg]) cb(m);
      },
      drop: () => {
        for (const cb of [...disc]) cb();
      },
    };
  return port;
}

/** Lets queued microtasks and promise chains run. */
export const settle = () => new Promise((r) => setTimeout(r, 0));

/** A finished exchange as the webRequest assembler reports it (key `id`, so the record is `w:<id>`). */
export function exchange(id: string, c: Common & { error?: string | null; hops?: Hop[] }): CapturedExchange {
  return {
    key: id,
    tabId: c.tabId ?? 1,
    frameId: c.frameId ?? 0,
    kind: null,
    pageOrigin: PAGE,
    startedAt: c.at,
    endedAt: c.at,
    request: { url: c.url ?? `${API}/a`, method: c.method ?? 'GET', headers: { origin: PAGE } },
    preflight: null,
    hops: c.hops ?? [],
    error: c.error === undefined ? 'net::ERR_FAILED' : c.error,
    callSite: null,
  };
}
