// When the inspected page's new document took over, for the `navigated` message (protocol.ts Navigated): the worker
// clears the records that started before it. DevTools tells the devtools page of a navigation (onNavigated) later
// than it tells it of the new page's first finished requests at times: the page's commit and the
// network's events reach DevTools' frontend by different routes, so a CORS failure of the new page's HTML (a
// `<video crossorigin>` fails within milliseconds) can be handed over first. With the time the devtools page heard of
// the navigation as the boundary, those records were cleared with the old page's (measured:
// test/e2e/capture-precise.spec.ts; docs/chromium-behaviour.md#navigations-in-devtools-log).
// The document's own timeline names the boundary: its response's first byte (timeOrigin + responseStart), after
// which the old page is being unloaded and the new one's loads begin.

/** Evaluated in the inspected page (main world, so the page could lie: navigationBoundary bounds what it says). */
export const NAVIGATION_START_EXPRESSION = `(() => {
  const n = performance.getEntriesByType('navigation')[0];
  return performance.timeOrigin + (n && n.responseStart > 0 ? n.responseStart : 0);
})()`;

/** The boundary to send for each onNavigated: what the page said if it is a new document's time within `maxAgeMs`
 * before `heard` (when onNavigated fired), else `heard`. A page can only move its own boundary, within that window.
 * The same document again (DevTools reporting it twice, or a navigation within it: history.pushState, a fragment)
 * keeps the boundary it had: nothing of that document is cleared, as DevTools' own log keeps it. */
export function navigationBoundary(maxAgeMs: number): (said: unknown, heard: number) => number {
  let last: { doc: number; at: number } | null = null;
  return (said, heard) => {
    const doc = typeof said === 'number' && Number.isFinite(said) ? said : null;
    if (doc !== null && doc === last?.doc) return last.at;
    const at = doc !== null && doc <= heard && doc >= heard - maxAgeMs ? doc : heard;
    last = doc === null ? null : { doc, at };
    return at;
  };
}
