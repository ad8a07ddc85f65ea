// What made each request (ResourceKind, src/engine/types.ts), as the list's Kind column and the toolbar's kind filter
// show it: DevTools' own Type words, in one fixed order so the filter's choices never reshuffle as rows stream in.
import type { ResourceKind } from '../../src/engine/types.ts';
import type { Group } from './groups.ts';

/** The kind filter: one kind, or every row. */
export type KindFilter = ResourceKind | 'all';

export const KIND_ORDER: readonly ResourceKind[] = [
  'fetch',
  'xhr',
  'eventsource',
  'font',
  'script',
  'stylesheet',
  'image',
  'audio',
  'video',
  'track',
  'other',
];

/** What the request was, in the words a developer reads in the console ("Access to font at …"). */
export const KIND_TITLE: Record<ResourceKind, string> = {
  fetch: 'fetch()',
  xhr: 'XMLHttpRequest',
  eventsource: 'EventSource',
  font: 'A web font (@font-face or a font preload)',
  script: 'A script: type="module", import(), a worker, or <script crossorigin>',
  stylesheet: 'A stylesheet with crossorigin',
  image: 'An image with crossorigin',
  audio: 'Audio with crossorigin',
  video: 'Video with crossorigin',
  track: 'A text track (<track>)',
  other: 'Another CORS request (a preload or a worklet)',
};

export const kindOf = (g: Group): ResourceKind | null => g.latest.record.observed.kind ?? null;

/** The column's text and tooltip; a record made before kinds were captured shows nothing rather than a guess. */
export function kindCell(kind: ResourceKind | null): { text: string; title: string } {
  return kind === null ? { text: '', title: 'Kind not recorded' } : { text: kind, title: KIND_TITLE[kind] };
}

export const matchesKind = (g: Group, kind: KindFilter): boolean => kind === 'all' || kindOf(g) === kind;

/** The filter's choices: every kind among `groups` with its count, in KIND_ORDER, plus the chosen kind even when
 * no row has it any more (a select whose value is not among its options would silently show another). */
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
  return KIND_ORDER.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind) ?? 0 }));
}
