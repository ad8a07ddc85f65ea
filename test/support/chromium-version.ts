// The running Chromium's major version, for e2e tests that expect that version's behaviour (the engine's version
// table, src/engine/chrome-versions.ts, and the DevTools-side facts below, measured on Chromium 150 and 156).
import { chromeMajor } from '../../src/engine/chrome-versions.ts';

export function majorOf(version: string): number {
  const major = chromeMajor(version);
  if (major === null) throw new Error(`cannot read a Chromium version from '${version}'`);
  return major;
}

/**
 * Whether DevTools' network log (chrome.devtools.network, HAR) lists the failed hop of a redirect to a non-http(s)
 * scheme. Chromium 150's DevTools frontend lists only the 3xx (with no error) and never the failed `ftp:` hop, so the
 * default capture never sees the failure, and "Record all tabs" records it without a call site; 156 lists both
 * (measured with getHAR() on both, docs/engine.md "Chrome versions"). Versions in between are assumed to be like 150.
 */
export const devtoolsListsFailedSchemeHop = (major: number): boolean => major >= 156;

/** The fixture scenarios whose failure this Chromium's DevTools log never lists (see above). */
export const devtoolsUnlistedScenarios = (major: number): string[] =>
  devtoolsListsFailedSchemeHop(major) ? [] : ['redirect-disabled-scheme'];
