// Selection by group key, so it survives rows streaming in and the filter changing; the index is derived.
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { Group } from './groups.ts';

export function createSelection(visible: ReadonlySignal<readonly Group[]>) {
  const key = signal<string | null>(null);
  const index = computed(() =>
    key.value === null ? -1 : visible.value.findIndex((g) => g.key === key.value),
  );
  const selected = computed<Group | null>(() => visible.value[index.value] ?? null);

  const select = (k: string | null): void => {
    key.value = k;
  };
  const move = (delta: number | 'first' | 'last'): void => {
    const rows = visible.value;
    if (rows.length === 0) return;
    const last = rows.length - 1;
    let next: number;
    if (delta === 'first') next = 0;
    else if (delta === 'last') next = last;
    else if (index.value < 0) next = delta < 0 ? last : 0;
    else next = Math.min(last, Math.max(0, index.value + delta));
    key.value = rows[next]?.key ?? null;
  };
  return { key: key as ReadonlySignal<string | null>, index, selected, select, move };
}
