// The fix for the selected failure: detected backends, the backend in use (the user's choice for this API origin,
// else the best detection, else plain headers) and the generated fix. Choices are remembered per API origin.
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { BackendId, Detection, Fix } from '../../src/fixes/types.ts';
import type { FixProvider, PanelDeps } from './deps.ts';
import type { Entry, Group } from './groups.ts';

export interface FixState {
  apiOrigin: string;
  detections: Detection[];
  backend: BackendId;
  /** Whether the backend is the user's choice rather than the detection. */
  chosen: boolean;
  fix: Fix | null;
}

export const originOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

export function createFixState(selected: ReadonlySignal<Group | null>, deps: PanelDeps) {
  const choices = signal<Record<string, BackendId>>(deps.prefs?.load() ?? {});
  const provider = signal<FixProvider | null>(typeof deps.fixes === 'function' ? null : deps.fixes);
  if (typeof deps.fixes === 'function') {
    void deps.fixes().then((p) => {
      provider.value = p;
    });
  }
  const backends = computed(() => provider.value?.backends ?? []);

  const forEntry = (e: Entry): FixState | null => {
    const fixes = provider.value;
    if (!fixes || e.diagnosis.verdict === 'allowed') return null;
    const apiOrigin = originOf(e.record.observed.url);
    const detections = fixes.detectBackend(e.record.observed);
    const choice = choices.value[apiOrigin];
    const backend = choice ?? detections[0]?.backend ?? 'headers';
    return {
      apiOrigin,
      detections,
      backend,
      chosen: choice !== undefined,
      fix: fixes.fixFor(backend, e.record.observed, e.diagnosis),
    };
  };
  const current = computed(() => (selected.value ? forEntry(selected.value.latest) : null));

  const choose = (apiOrigin: string, backend: BackendId): void => {
    choices.value = { ...choices.value, [apiOrigin]: backend };
    deps.prefs?.save(choices.value);
  };
  return { current, choose, forEntry, backends };
}
