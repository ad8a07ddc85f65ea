// The page hook for a tab inspected by DevTools, where the extension holds no host permission (so no content
// script can run, by design: docs/privacy.md): the devtools page evaluates `hookExpression` in the inspected page
// (chrome.devtools.inspectedWindow.eval, which needs no host permission) when DevTools opens and after each
// navigation, and reads what it kept with `drainExpression` when a failure arrives. Only a page DevTools is open on
// ever runs it. What comes back is page data: checked for shape here, validated in full by the worker
// (background/page-input.ts).
import type { PageErrorReport } from '../shared/protocol.ts';

export interface Drained {
  message: string;
  stack: string;
  at: number;
}

/** Runs in the page (serialised with toString, so it must not use anything from outside its body). Listens, never
 * wraps fetch or XMLHttpRequest (content/page-hook.ts says why), and keeps the last `max` fetch errors behind a
 * non-enumerable function under a per-DevTools-session random key. */
export function pageHook(w: Window, key: string, max: number): void {
  if (Object.prototype.hasOwnProperty.call(w, key)) return;
  const kept: Drained[] = [];
  Object.defineProperty(w, key, { value: () => kept.splice(0), enumerable: false });
  const keep = (reason: unknown): void => {
    if (!(reason instanceof Error)) return;
    const message = `${reason.name}: ${reason.message}`;
    if (!/Failed to fetch|NetworkError|Load failed/.test(message)) return;
    if (kept.length >= max) kept.shift();
    kept.push({ message, stack: reason.stack ?? '', at: Date.now() });
  };
  w.addEventListener('unhandledrejection', (e) => {
    keep(e.reason);
  });
  w.addEventListener('error', (e) => {
    keep(e.error);
  });
}

export const hookExpression = (key: string, max: number): string =>
  `(${pageHook.toString()})(window, ${JSON.stringify(key)}, ${String(max)})`;

export const drainExpression = (key: string): string =>
  `(() => { const f = window[${JSON.stringify(key)}]; return typeof f === 'function' ? f() : []; })()`;

/** The drained list as page-error reports; anything not of the right shape, or beyond `max`, is dropped. */
export function reportsOf(raw: unknown, max: number, maxChars: number): PageErrorReport[] {
  if (!Array.isArray(raw)) return [];
  const out: PageErrorReport[] = [];
  for (const x of raw.slice(0, max) as unknown[]) {
    if (typeof x !== 'object' || x === null) continue;
    const { message, stack, at } = x as Record<string, unknown>;
    if (typeof message !== 'string' || typeof stack !== 'string' || typeof at !== 'number') continue;
    if (message.length > maxChars || stack.length > maxChars) continue;
    out.push({ type: 'page-error', url: null, at, error: { message, stack } });
  }
  return out;
}
