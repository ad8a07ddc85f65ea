// The production PanelDeps: the real engine and fix generators. Only main.tsx imports this; tests build PanelDeps
// by hand, so the store and the views never depend on the engine's internals.
import { diagnose } from '../../src/engine/index.ts';
import {
  FIX_GENERATORS,
  GENERATOR_ORDER,
  detectBackend,
  fixRequestFrom,
  generateFix,
} from '../../src/fixes/index.ts';
import type { BackendOption, PanelDeps, Prefs } from './deps.ts';

const backends: BackendOption[] = GENERATOR_ORDER.map((id) => ({
  id,
  label: FIX_GENERATORS[id]?.label ?? id,
}));

export function createPanelDeps(opts: { prefs: Prefs; version: string }): PanelDeps {
  return {
    diagnose,
    detectBackend: (observed) => detectBackend(observed),
    fixFor: (backend, observed, diagnosis) =>
      generateFix(backend, { diagnosis, request: fixRequestFrom(observed, diagnosis) }),
    backends,
    now: () => Date.now(),
    version: opts.version,
    prefs: opts.prefs,
  };
}
