// What the panel needs from the engine and the fix generators, as plain functions handed in by panel/main.tsx.
// Keeping them injected lets component tests build diagnoses by hand and keeps the store free of imports it
// cannot test in isolation.
import type { Diagnosis, Observed } from '../../src/engine/types.ts';
import type { BackendId, Detection, Fix } from '../../src/fixes/types.ts';

export interface BackendOption {
  id: BackendId;
  label: string;
}

/** Remembered choices (backend per API origin); main.tsx backs it with localStorage, tests with memory. */
export interface Prefs {
  load(): Record<string, BackendId>;
  save(choices: Record<string, BackendId>): void;
}

/** The fix generators: about half of the panel's code, so production loads them after the first render. */
export interface FixProvider {
  detectBackend(observed: Observed): Detection[];
  /** The tailored fix for one backend, or null when the failure has no server-side fix (e.g. DNS). */
  fixFor(backend: BackendId, observed: Observed, diagnosis: Diagnosis): Fix | null;
  backends: readonly BackendOption[];
}

export interface PanelDeps {
  diagnose(observed: Observed): Diagnosis;
  /** The generators, or a loader for them (a dynamic import) that the store starts right away. */
  fixes: FixProvider | (() => Promise<FixProvider>);
  /** Epoch ms; only used to stamp exports. */
  now(): number;
  version: string;
  /** The inspected page's URL, when known (stamped into exports, redacted like every URL). */
  pageUrl?: () => string | null;
  /** e.g. "Chromium 156", stamped into exports. */
  browser?: string;
  prefs?: Prefs;
}

export const memoryPrefs = (initial: Record<string, BackendId> = {}): Prefs => {
  let saved = { ...initial };
  return {
    load: () => ({ ...saved }),
    save: (c) => {
      saved = { ...c };
    },
  };
};
