// Interned strings for the stored records (docs/architecture.md#compact-storage): a string that repeats across a
// tab's records (the page origin, the User-Agent, a call site's script URL, a header name or value) is stored once,
// under a key of its own, and records hold its number. A fixed list of common names and values needs no key at all.
// Content is interned only on its second sighting, so the unique strings of a burst (query strings, Date headers)
// never fill the table; a table holds at most LIMITS.internedPerTab strings, past that strings stay inline.
import { LIMITS } from '../shared/limits.ts';

/** Numbered by position: storage.session is cleared with every extension update, so the list may change freely. */
const COMMON = [
  ...['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'net::ERR_FAILED'],
  ...['fetch', 'xhr', 'eventsource', 'font', 'script', 'stylesheet', 'image', 'audio', 'video', 'track'],
  ...['accept', 'accept-language', 'origin', 'user-agent', 'content-type', 'content-length', 'date'],
  ...['sec-fetch-dest', 'sec-fetch-mode', 'sec-fetch-site', 'sec-fetch-storage-access', 'priority'],
  ...['access-control-request-method', 'access-control-request-headers', 'access-control-allow-origin'],
  ...['access-control-allow-credentials', 'access-control-allow-methods', 'access-control-allow-headers'],
  ...['access-control-expose-headers', 'access-control-max-age', 'vary', 'cache-control', 'pragma'],
  ...['connection', 'keep-alive', 'timeout=5', 'server', 'etag', 'location', 'last-modified', 'expires'],
  ...['authorization', 'cookie', 'set-cookie', '<redacted>', 'x-requested-with', 'transfer-encoding'],
  ...['*/*', 'cors', 'no-cors', 'empty', 'cross-site', 'same-site', 'same-origin', 'none', 'u=1, i'],
  ...['*', 'true', 'Origin', 'chunked', 'no-cache', 'text/plain', 'application/json', 'text/event-stream'],
  ...['application/json; charset=utf-8', 'text/plain; charset=utf-8', 'text/html; charset=utf-8'],
];
const COMMON_IDS = new Map(COMMON.map((s, i) => [s, i]));

/** Shorter strings cost less inline than a number and a key of their own. */
const MIN_CHARS = 6;
/** Strings seen once, remembered to intern them on the next sighting (the oldest are forgotten). */
const SEEN_MAX = 1_024;

export interface StringTable {
  /** The string's number, or the string itself when it stays inline. Numbers of strings not yet stored are
   * added to `unstored`: they go into the same write as the record that uses them. */
  ref(s: string, unstored: Set<number>): number | string;
  /** The string behind a number (undefined: unknown, the record cannot be read). */
  get(id: number): string | undefined;
  /** A string read back from storage. */
  load(id: number, s: string): void;
  /** These strings are in storage now. */
  stored(ids: Iterable<number>): void;
  /** The numbers of every string given a number (stored or not). */
  ids(): number[];
}

export function createStringTable(): StringTable {
  const byString = new Map<string, number>();
  const byId = new Map<number, string>();
  const inStorage = new Set<number>();
  const seen = new Set<string>();
  let next = COMMON.length;

  const assign = (s: string, id: number): void => {
    byString.set(s, id);
    byId.set(id, s);
    next = Math.max(next, id + 1);
  };

  return {
    ref(s, unstored) {
      const common = COMMON_IDS.get(s);
      if (common !== undefined) return common;
      let id = byString.get(s);
      if (id === undefined) {
        if (s.length < MIN_CHARS || s.length > LIMITS.headerValueChars || byId.size >= LIMITS.internedPerTab)
          return s;
        if (!seen.delete(s)) {
          seen.add(s);
          const oldest = seen.size > SEEN_MAX ? seen.values().next().value : undefined;
          if (oldest !== undefined) seen.delete(oldest);
          return s;
        }
        id = next;
        assign(s, id);
      }
      if (!inStorage.has(id)) unstored.add(id);
      return id;
    },
    get: (id) => (id < COMMON.length ? COMMON[id] : byId.get(id)),
    load(id, s) {
      if (!Number.isInteger(id) || id < COMMON.length) return;
      assign(s, id);
      inStorage.add(id);
    },
    stored(ids) {
      for (const id of ids) inStorage.add(id);
    },
    ids: () => [...byId.keys()],
  };
}
