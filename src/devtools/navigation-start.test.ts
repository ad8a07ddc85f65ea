import { describe, expect, it } from 'vitest';
import { navigationBoundary, NAVIGATION_START_EXPRESSION } from './navigation-start.ts';

describe('navigationBoundary', () => {
  it("takes a new document's own time when it lies within the window before onNavigated", () => {
    const boundary = navigationBoundary(30_000);
    expect(boundary(9_200.5, 10_000)).toBe(9_200.5);
    expect(boundary(20_000, 20_000)).toBe(20_000);
  });

  it('falls back to when onNavigated fired for anything else a page (or a failed evaluation) gives', () => {
    for (const said of [undefined, null, '9000', NaN, Infinity, -Infinity, 10_001, -20_001, {}, [9_000]])
      expect(navigationBoundary(30_000)(said, 10_000), `${typeof said} ${JSON.stringify(said)}`).toBe(10_000);
  });

  it('keeps the boundary it had when the same document is reported again (twice, or a navigation within it)', () => {
    const boundary = navigationBoundary(30_000);
    expect(boundary(9_000, 10_000)).toBe(9_000);
    expect(boundary(9_000, 15_000)).toBe(9_000); // the document's start has not moved: nothing of it is cleared
    expect(boundary(16_000, 16_500)).toBe(16_000); // the next document
    const late = navigationBoundary(30_000);
    expect(late(1_000, 40_000)).toBe(40_000); // a document older than the window: from when it was heard
    expect(late(1_000, 50_000)).toBe(40_000); // and again: the same boundary
  });

  it('reads a real document timeline: after the time origin, not after now', () => {
    // What the expression computes, in a stand-in for a page's `performance` (vitest runs in Node, which has
    // performance.timeOrigin but no navigation entry: the expression then gives the time origin itself).
    const said: unknown = (0, eval)(NAVIGATION_START_EXPRESSION);
    expect(said).toBe(performance.timeOrigin);
    expect(navigationBoundary(3_600_000)(said, Date.now())).toBe(performance.timeOrigin);
  });
});
