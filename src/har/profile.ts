// The one place that decides which browser's rules a HAR file is diagnosed with: the browser that wrote it, as its
// `log.browser` or `log.creator` says. Firefox's network monitor writes `creator.name` "Firefox" (measured,
// docs/har.md); Chrome/Edge DevTools write "WebInspector". Anything else is diagnosed as Chrome, the default.
import type { BrowserProfile } from '../engine/types.ts';

export const profileOf = (exporter: string | null): BrowserProfile =>
  exporter !== null && /^firefox\b/i.test(exporter) ? 'firefox' : 'chrome';

export const PROFILE_NAMES: Readonly<Record<BrowserProfile, string>> = {
  chrome: 'Chrome',
  firefox: 'Firefox',
  standard: 'Fetch standard',
};
