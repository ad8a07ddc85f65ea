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

export function createPanelDeps(
  opts: Pick<PanelDeps, 'version' | 'browser' | 'pageUrl' | 'answers' | 'readSource'> & { prefs: Prefs },
): PanelDeps {
  return { diagnose, fixes: loadFixes, now: () => Date.now(), ...opts };
}
