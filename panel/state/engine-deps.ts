// The production PanelDeps: the real engine, and the fix generators as a lazily loaded chunk (they are about half
// of the panel's code and only needed once a failure is selected). Only main.tsx (and this module's own test) imports
// this; the store's and views' tests build PanelDeps by hand, so they never depend on the engine's internals.
import { chromeMajor } from '../../src/engine/chrome-versions.ts';
import { diagnose } from '../../src/engine/index.ts';
import type { SimOptions } from '../../src/engine/types.ts';
import type { FixProvider, PanelDeps, Prefs } from './deps.ts';

async function loadFixes(): Promise<FixProvider> {
  const { FIX_GENERATORS, GENERATOR_ORDER, detectBackend, fixRequestFrom, generateFix, fixFacts, sourceFor } =
    await import('../../src/fixes/index.ts');
  return {
    detectBackend: (observed) => detectBackend(observed),
    fixFor: (backend, observed, diagnosis, facts) =>
      generateFix(backend, { diagnosis, request: fixRequestFrom(observed, diagnosis, facts) }),
    factsFor: (observed, diagnosis, { siblings, callSite, readText, answer }) =>
      fixFacts({ observed, diagnosis, siblings, answer, source: sourceFor(callSite, readText) }),
    backends: GENERATOR_ORDER.map((id) => ({ id, label: FIX_GENERATORS[id]?.label ?? id })),
  };
}

/** What the panel page knows of the browser it runs in (the inspected page runs in the same one). */
export interface RunningBrowser {
  userAgent: string;
  userAgentData?: { brands: readonly { brand: string; version: string }[] };
}

/** The engine's options for live records: the running browser's rules, and for Chromium its major version, whose
 * console wording the panel shows (src/engine/chrome-versions.ts). userAgentData names Chromium's major exactly;
 * the user agent string is the fallback (it keeps the major in Chromium's reduced form, `Chrome/156.0.0.0`). */
export function runningOptions(nav: RunningBrowser): SimOptions {
  if (/Firefox\/\d+/.test(nav.userAgent)) return { browser: 'firefox' };
  const brand = nav.userAgentData?.brands.find((b) => b.brand === 'Chromium');
  const major = chromeMajor(brand?.version ?? '') ?? chromeMajor(nav.userAgent);
  return major === null ? {} : { chromeVersion: major };
}

/** `running`: the browser the panel runs in, whose verdicts and console lines it explains (Firefox: the engine's
 * Firefox profile, docs/firefox.md); default: Chrome, the newest templates. A HAR file's records pass their own
 * options instead. */
export function createPanelDeps(
  opts: Pick<PanelDeps, 'version' | 'browser' | 'pageUrl' | 'answers' | 'readSource'> & {
    prefs: Prefs;
    running?: SimOptions;
  },
): PanelDeps {
  const { running = {}, ...rest } = opts;
  return {
    diagnose: (o, options) => diagnose(o, options ?? running),
    engineBrowser: running.browser === 'firefox' ? 'firefox' : 'chrome',
    fixes: loadFixes,
    now: () => Date.now(),
    ...rest,
  };
}
