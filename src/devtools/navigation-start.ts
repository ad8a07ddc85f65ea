// When the inspected page's new document took over, for the `navigated` message (protocol.ts Navigated): the worker
// clears the records that started before it. DevTools tells the devtools page of a navigation (onNavigated) later
// than it tells it of the new page's first finished requests when the machine is busy: the page's commit and the
// network's events reach DevTools' frontend by different routes, so a CORS failure of the new page's HTML (a
// `<video crossorigin>` fails within milliseconds) can be handed over first. With the time the devtools page heard of
// the navigation as the boundary, those records were cleared with the old page's (measured:
// test/e2e/capture-precise.spec.ts under two busy cores; docs/chromium-behaviour.md#navigations-in-devtools-log).
// The document's own timeline names the boundary: its response's first byte (timeOrigin + responseStart), after
// which the old page is being unloaded and the new one's loads begin.

/** Evaluated in the inspected page (main world, so the page could lie: navigationStart bounds what it says). */
export const NAVIGATION_START_EXPRESSION = `(() => {
  const n = performance.getEntriesByType('navigation')[0];
  return performance.timeOrigin + (n && n.responseStart > 0 ? n.responseStart : 0);
})()`;

/** The boundary to send: what the page said if it is a time within `maxAgeMs` before `heard` (when onNavigated
 * fired), else `heard`. A page can only move its own boundary, within that window. */
export function navigationStart(said: unknown, heard: number, maxAgeMs: number): number {
  return typeof said === 'number' && said <= heard && said >= heard - maxAgeMs ? said : heard;
}
