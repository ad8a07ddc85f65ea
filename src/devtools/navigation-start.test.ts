import { describe, expect, it } from 'vitest';
import { navigationStart, NAVIGATION_START_EXPRESSION } from './navigation-start.ts';

describe('navigationStart', () => {
  it("takes the document's own time when it lies within the window before onNavigated", () => {
    expect(navigationStart(9_200.5, 10_000, 30_000)).toBe(9_200.5);
    expect(navigationStart(10_000, 10_000, 30_000)).toBe(10_000);
  });

  it('falls back to when onNavigated fired for anything else a page (or a failed evaluation) gives', () => {
    for (const said of [undefined, null, '9000', NaN, Infinity, -Infinity, 10_001, -20_001, {}, [9_000]])
      expect(navigationStart(said, 10_000, 30_000), `${typeof said} ${JSON.stringify(said)}`).toBe(10_000);
  });

  it('reads a real document timeline: after the time origin, not after now', () => {
    // What the expression computes, in a stand-in for a page's `performance` (vitest runs in Node, which has
    // performance.timeOrigin but no navigation entry: the expression then gives the time origin itself).
    const said: unknown = (0, eval)(NAVIGATION_START_EXPRESSION);
    expect(said).toBe(performance.timeOrigin);
    expect(navigationStart(said, Date.now(), 3_600_000)).toBe(performance.timeOrigin);
  });
});
