// Page data is untrusted: any page can post whatever it likes to the content script. This module checks the
// relayed report's shape and sizes and rate-limits per tab; the store then lets it only annotate a failure that
// webRequest observed (tab-store.ts), so a page can never create or alter a record.
import { LIMITS } from '../shared/limits.ts';
import type { PageError } from '../shared/model.ts';
import { isEnvelope } from '../shared/protocol.ts';

export interface ValidPageError {
  url: string | null;
  /** When the relay saw it (epoch ms); the receiver checks it against its own clock. */
  at: number | null;
  error: PageError;
}

/**
 * The whole message, exactly as the browser writes it for a fetch that failed on the network or CORS (Chrome's;
 * Firefox's and Safari's for the Firefox build). Anything else, a page's own text appended included, is dropped:
 * page data may only annotate, and free text from a page must not sit where the browser's error belongs.
 */
const BROWSER_FETCH_ERRORS = new Set([
  'TypeError: Failed to fetch',
  'TypeError: NetworkError when attempting to fetch resource.',
  'TypeError: Load failed',
]);
/** A stack is the message line, then at most 50 `at …` frames (V8's default limit is 10). */
const isStack = (stack: string, message: string): boolean => {
  const [first, ...frames] = stack.split('\n');
  return first === message && frames.length <= 50 && frames.every((f) => /^ {4}at \S.{0,500}$/.test(f));
};

const isStr = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;

export function parsePageErrorReport(raw: unknown): ValidPageError | null {
  if (!isEnvelope(raw) || raw.msg.type !== 'page-error') return null;
  const m = raw.msg as unknown as Record<string, unknown>;
  const e = m.error as Record<string, unknown> | null | undefined;
  if (typeof e !== 'object' || e === null) return null;
  if (!isStr(e.message, LIMITS.pageErrorChars) || !isStr(e.stack, LIMITS.pageErrorChars)) return null;
  if (!BROWSER_FETCH_ERRORS.has(e.message) || !isStack(e.stack, e.message)) return null;
  const url = m.url;
  if (url !== null && !(isStr(url, LIMITS.urlChars) && /^https?:\/\//.test(url))) return null;
  const at = typeof m.at === 'number' && Number.isFinite(m.at) ? m.at : null;
  return { url, at, error: { message: e.message, stack: e.stack } };
}

/** Fixed one-second windows per key; the map is swept when it grows, so forged tab churn cannot grow it. */
export function createRateLimiter(perSecond: number, maxKeys = 1_000) {
  const windows = new Map<number, { start: number; count: number }>();
  return {
    allow(key: number, now: number): boolean {
      let w = windows.get(key);
      if (!w || now - w.start >= 1_000) {
        if (windows.size >= maxKeys)
          for (const [k, v] of windows) if (now - v.start >= 1_000) windows.delete(k);
        if (windows.size >= maxKeys) return false;
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return w.count <= perSecond;
    },
  };
}

/** Rate limit first (cheap), then the size guard on the raw message, then the shape. */
export function createPageErrorInput(perSecond: number) {
  const limiter = createRateLimiter(perSecond);
  return {
    accept(tabId: number, raw: unknown, now: number): ValidPageError | null {
      if (!limiter.allow(tabId, now)) return null;
      let size: number;
      try {
        size = JSON.stringify(raw).length;
      } catch {
        return null;
      }
      return size <= LIMITS.pageMessageChars ? parsePageErrorReport(raw) : null;
    },
  };
}
