// The message the MAIN-world hook posts to the ISOLATED relay. Any page can post the same shape: the relay and
// the worker treat it as untrusted (background/page-input.ts).
export const PAGE_CHANNEL = 'cors-lens:page-error';

export interface PageMessage {
  channel: typeof PAGE_CHANNEL;
  message: string;
  stack: string;
  url: string | null;
}

export function isPageMessage(x: unknown, maxChars: number): x is PageMessage {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  const str = (v: unknown): v is string => typeof v === 'string' && v.length <= maxChars;
  return m.channel === PAGE_CHANNEL && str(m.message) && str(m.stack) && (m.url === null || str(m.url));
}
