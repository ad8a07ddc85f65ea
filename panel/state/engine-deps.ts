// The production PanelDeps: the real engine, and the fix generators as a lazily loaded chunk (they are about half
// of the panel's code and only needed once a failure is selected). Only main.tsx imports this; tests build
// PanelDeps by hand, so the store and the views never depend on the engine's internals.
import { diagnose } from '../../src/engine/index.ts';
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

/** `firefox`: the panel runs in Firefox, so its verdicts and console lines are Firefox's (the engine's Firefox
 * profile, docs/firefox.md). */
export function createPanelDeps(
  opts: Pick<PanelDeps, 'version' | 'browser' | 'pageUrl' | 'answers' | 'readSource'> & {
    prefs: Prefs;
    firefox?: boolean;
  },
): PanelDeps {
  const { firefox, ...rest } = opts;
  return {
    diagnose: firefox === true ? (o) => diagnose(o, { browser: 'firefox' }) : (o) => diagnose(o),
    engineBrowser: firefox === true ? 'firefox' : 'chrome',
    fixes: loadFixes,
    now: () => Date.now(),
    ...rest,
  };
}
