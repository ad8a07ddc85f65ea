// What made each request (ResourceKind, src/engine/types.ts), as the list's Kind column and the toolbar's kind filter
// show it: DevTools' own Type words, in the one fixed order of src/shared/resource-kinds.ts.
import type { ResourceKind } from '../../src/engine/types.ts';
import { KIND_TITLE, RESOURCE_KINDS } from '../../src/shared/resource-kinds.ts';
import type { Group } from './groups.ts';

/** The kind filter: one kind, or every row. */
export type KindFilter = ResourceKind | 'all';

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export const kindOf = (g: Group): ResourceKind | null => g.latest.record.observed.kind ?? null;

/** The column's text and tooltip; a record made before kinds were captured shows nothing rather than a guess. */
export function kindCell(kind: ResourceKind | null): { text: string; title: string } {
  return kind === null
    ? { text: '', title: 'Kind not recorded' }
    : { text: kind, title: capitalised(KIND_TITLE[kind]) };
}

export const matchesKind = (g: Group, kind: KindFilter): boolean => kind === 'all' || kindOf(g) === kind;

/** The filter's choices: every kind among `groups` with its count, in RESOURCE_KINDS order, plus the chosen kind
 * even when no row has it any more (a select whose value is not among its options would silently show another). */
export function kindChoices(
  groups: readonly Group[],
  chosen: KindFilter,
): { kind: ResourceKind; count: number }[] {
  const counts = new Map<ResourceKind, number>();
  for (const g of groups) {
    const k = kindOf(g);
    if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  if (chosen !== 'all' && !counts.has(chosen)) counts.set(chosen, 0);
  return RESOURCE_KINDS.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind) ?? 0 }));
}
