// What the panel needs from the engine and the fix generators, as plain functions handed in by panel/main.tsx.
// Keeping them injected lets component tests build diagnoses by hand and keeps the store free of imports it
// cannot test in isolation.
import type { Diagnosis, Observed, SimOptions } from '../../src/engine/types.ts';
import type { BackendId, Detection, Fix } from '../../src/fixes/types.ts';
import type { FixFacts } from '../../src/inference/fix-facts.ts';
import type { CallSite } from '../../src/shared/model.ts';

export interface BackendOption {
  id: BackendId;
  label: string;
}

/** Remembered choices (backend per API origin); main.tsx backs it with localStorage, tests with memory. */
export interface Prefs {
  load(): Record<string, BackendId>;
  save(choices: Record<string, BackendId>): void;
}

/** What the panel knows around one failure, beyond the record: the inputs of the fix facts. */
export interface FixContext {
  /** The other exchanges of the tab (the inference keeps those to the same API). */
  siblings: readonly Observed[];
  /** The call site (with its caller frames), and the texts of their scripts read so far from the inspected page. */
  callSite: CallSite | null;
  readText: (url: string) => string | null;
  /** The user's answer for this API origin: does the call send cookies or an Authorization header? */
  answer: boolean | null;
}

/** The fix generators: about half of the panel's code, so production loads them after the first render. */
export interface FixProvider {
  detectBackend(observed: Observed): Detection[];
  /** The tailored fix for one backend, or null when the failure has no server-side fix (e.g. DNS). */
  fixFor(backend: BackendId, observed: Observed, diagnosis: Diagnosis, facts?: FixFacts): Fix | null;
  /** What the fix will assume about credentials, read headers and the route, and which signal decided each. */
  factsFor?(observed: Observed, diagnosis: Diagnosis, context: FixContext): FixFacts;
  backends: readonly BackendOption[];
}

export interface PanelDeps {
  /** Without options: a live record, judged as the running browser (and Chromium version) would. `options`: a HAR
   * file's records, diagnosed with the exporting browser's profile instead. */
  diagnose(observed: Observed, options?: SimOptions): Diagnosis;
  /** The generators, or a loader for them (a dynamic import) that the store starts right away. */
  fixes: FixProvider | (() => Promise<FixProvider>);
  /** Epoch ms; only used to stamp exports. */
  now(): number;
  version: string;
  /** The inspected page's URL, when known (stamped into exports, redacted like every URL). */
  pageUrl?: () => string | null;
  /** e.g. "Chromium 156", stamped into exports. */
  browser?: string;
  /** The browser the panel runs in, whose verdicts and console lines it explains; Chrome when absent. Firefox also
   * starts "Record all tabs" at the grant, with no restart (docs/firefox.md#capture-in-firefox). */
  engineBrowser?: 'chrome' | 'firefox';
  prefs?: Prefs;
  /** Remembered answers (credentials sent, per API origin). */
  answers?: Store<Record<string, boolean>>;
  /** The text of one of the inspected page's scripts (chrome.devtools.inspectedWindow), or null. */
  readSource?: (url: string) => Promise<string | null>;
}

export interface Store<T> {
  load(): T;
  save(value: T): void;
}

export const memoryStore = <T>(initial: T): Store<T> => {
  let saved = initial;
  return {
    load: () => saved,
    save: (v) => {
      saved = v;
    },
  };
};

export const memoryPrefs = (initial: Record<string, BackendId> = {}): Prefs => {
  let saved = { ...initial };
  return {
    load: () => ({ ...saved }),
    save: (c) => {
      saved = { ...c };
    },
  };
};
