// The fix for the selected failure: detected backends, the backend in use (the user's choice for this API origin,
// else the best detection, else plain headers), what the fix assumes (credentials, read headers, the route: the
// inference's facts, from the records of the tab, the call site's script and the user's remembered answer) and the
// generated fix. Choices and answers are remembered per API origin.
import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { BackendId, Detection, Fix } from '../../src/fixes/types.ts';
import type { FixFacts } from '../../src/inference/fix-facts.ts';
import type { FixProvider, PanelDeps } from './deps.ts';
import type { Entry, Group } from './groups.ts';

export interface FixState {
  apiOrigin: string;
  detections: Detection[];
  backend: BackendId;
  /** Whether the backend is the user's choice rather than the detection. */
  chosen: boolean;
  fix: Fix | null;
  /** What the fix assumes and which signal decided it (null: the provider does not infer). */
  facts: FixFacts | null;
}

const SIBLINGS = 500;

export const originOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

export function createFixState(
  selected: ReadonlySignal<Group | null>,
  deps: PanelDeps,
  all: ReadonlySignal<readonly Entry[]> = signal([]),
) {
  const choices = signal<Record<string, BackendId>>(deps.prefs?.load() ?? {});
  const answers = signal<Record<string, boolean>>(deps.answers?.load() ?? {});
  /** Script texts by URL: null while loading or when the page gave none. */
  const sources = signal<Record<string, string | null>>({});
  const provider = signal<FixProvider | null>(typeof deps.fixes === 'function' ? null : deps.fixes);
  if (typeof deps.fixes === 'function') {
    void deps.fixes().then((p) => {
      provider.value = p;
    });
  }
  const backends = computed(() => provider.value?.backends ?? []);

  // The selected failure's call site and its callers: read each script once (the fix updates as they arrive).
  const read = deps.readSource;
  const stopReading = effect(() => {
    const site = selected.value?.latest.record.callSite;
    if (!read || !site) return;
    for (const url of new Set([site.url, ...(site.callers ?? []).map((f) => f.url)])) {
      if (url in sources.peek()) continue;
      sources.value = { ...sources.peek(), [url]: null };
      void read(url).then((text) => {
        if (text !== null) sources.value = { ...sources.peek(), [url]: text };
      });
    }
  });

  const forEntry = (e: Entry): FixState | null => {
    const fixes = provider.value;
    if (!fixes || e.diagnosis.verdict === 'allowed') return null;
    const apiOrigin = originOf(e.record.observed.url);
    const detections = fixes.detectBackend(e.record.observed);
    const choice = choices.value[apiOrigin];
    const backend = choice ?? detections[0]?.backend ?? 'headers';
    const texts = sources.value;
    const facts =
      fixes.factsFor?.(e.record.observed, e.diagnosis, {
        // The most recent exchanges suffice for the route and keep a 10 000-record tab cheap.
        siblings: all.value.slice(-SIBLINGS).map((x) => x.record.observed),
        callSite: e.record.callSite,
        readText: (url) => texts[url] ?? null,
        answer: answers.value[apiOrigin] ?? null,
      }) ?? null;
    return {
      apiOrigin,
      detections,
      backend,
      chosen: choice !== undefined,
      fix: fixes.fixFor(backend, e.record.observed, e.diagnosis, facts ?? undefined),
      facts,
    };
  };
  const current = computed(() => (selected.value ? forEntry(selected.value.latest) : null));

  const choose = (apiOrigin: string, backend: BackendId): void => {
    choices.value = { ...choices.value, [apiOrigin]: backend };
    deps.prefs?.save(choices.value);
  };
  /** The user's answer: does this API's call send cookies or an Authorization header? null forgets it. */
  const answer = (apiOrigin: string, sends: boolean | null): void => {
    const next = Object.fromEntries(Object.entries(answers.value).filter(([k]) => k !== apiOrigin));
    if (sends !== null) next[apiOrigin] = sends;
    answers.value = next;
    deps.answers?.save(next);
  };
  return { current, choose, answer, forEntry, backends, dispose: stopReading };
}
