// The toolbar's kind filter: a native <select> (keyboard and screen readers work as everywhere) offering the kinds
// the list holds, with their counts; the rows it hides stay recorded, and the counts line says how many are shown.
import { useStore } from './context.ts';
import { filterGroups } from '../state/groups.ts';
import { kindCell, kindChoices, type KindFilter as Kind } from '../state/kinds.ts';

export function KindFilter() {
  const store = useStore();
  const chosen = store.kind.value;
  // Counted over what the other switches show (failures, or all cross-origin), whatever the text filter says.
  const choices = kindChoices(filterGroups(store.groups.value, '', store.showAll.value), chosen);
  return (
    <select
      class="kind-filter"
      aria-label="Filter by kind"
      title="Show one kind of request: fetch, XHR, font, script, stylesheet, image, media"
      data-testid="kind-filter"
      value={chosen}
      onChange={(e) => {
        store.actions.setKind(e.currentTarget.value as Kind);
      }}
    >
      <option value="all">All kinds</option>
      {choices.map(({ kind, count }) => (
        <option key={kind} value={kind} title={kindCell(kind).title}>
          {kind} ({count})
        </option>
      ))}
    </select>
  );
}
