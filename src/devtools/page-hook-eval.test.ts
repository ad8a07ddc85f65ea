// The devtools page's hook, run the way Chrome runs it: its expression text evaluated in a separate context with
// its own `window` (node:vm), then drained with the drain expression.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { drainExpression, hookExpression, reportsOf } from './page-hook-eval.ts';

function fakePage() {
  const listeners = new Map<string, ((e: object) => void)[]>();
  const window = {
    addEventListener: (type: string, f: (e: object) => void) => {
      listeners.set(type, [...(listeners.get(type) ?? []), f]);
    },
  };
  const ctx = { window, Date, Object, String, Error, TypeError };
  const fire = (type: string, e: object) => {
    for (const f of listeners.get(type) ?? []) f(e);
  };
  return { ctx, window, fire, listeners, run: (expr: string): unknown => runInNewContext(expr, ctx) };
}

describe('the DevTools page hook (inspectedWindow.eval)', () => {
  it('keeps the page’s fetch errors, once installed however often it is evaluated, and hands them over once', () => {
    const page = fakePage();
    page.run(hookExpression('k1', 3));
    page.run(hookExpression('k1', 3));
    expect(page.listeners.get('unhandledrejection')).toHaveLength(1);
    const err = page.run('new TypeError("Failed to fetch")') as Error;
    page.fire('unhandledrejection', { reason: err });
    page.fire('error', { error: page.run('new Error("unrelated")') });
    page.fire('unhandledrejection', { reason: 'not an error' });
    const drained = reportsOf(page.run(drainExpression('k1')), 10, 4_000);
    expect(drained.map((r) => r.error.message)).toEqual(['TypeError: Failed to fetch']);
    expect(drained[0]?.error.stack).toContain('TypeError: Failed to fetch');
    expect(reportsOf(page.run(drainExpression('k1')), 10, 4_000)).toEqual([]);
  });

  it('keeps at most `max`, the newest; the key is not enumerable; another key drains nothing', () => {
    const page = fakePage();
    page.run(hookExpression('k2', 2));
    for (let i = 0; i < 5; i++)
      page.fire('unhandledrejection', { reason: page.run('new TypeError("Failed to fetch")') });
    expect(Object.keys(page.window)).toEqual(['addEventListener']);
    expect(reportsOf(page.run(drainExpression('other')), 10, 4_000)).toEqual([]);
    expect(reportsOf(page.run(drainExpression('k2')), 10, 4_000)).toHaveLength(2);
  });

  it('the key is data in the expression, never code', () => {
    const page = fakePage();
    const key = `"]); globalThis.pwned = 1; (["`;
    page.run(hookExpression(key, 2));
    page.run(drainExpression(key));
    expect('pwned' in page.ctx).toBe(false);
  });

  it('what a page puts behind the key is checked for shape and size', () => {
    const forged = [
      { message: 'TypeError: Failed to fetch', stack: 'x', at: 1 },
      { message: 1, stack: 'x', at: 1 },
      { message: 'm', stack: 's'.repeat(5_000), at: 1 },
      null,
      'string',
      ...Array.from({ length: 100 }, () => ({ message: 'm', stack: 's', at: 2 })),
    ];
    const out = reportsOf(forged, 20, 4_000);
    expect(out).toHaveLength(16); // the first 20 entries read, of which 4 are malformed
    expect(out[0]).toEqual({
      type: 'page-error',
      url: null,
      at: 1,
      error: { message: 'TypeError: Failed to fetch', stack: 'x' },
    });
    expect(reportsOf({ length: 3 }, 20, 4_000)).toEqual([]);
  });
});
