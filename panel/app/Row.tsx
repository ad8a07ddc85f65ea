// One row of the list: method, URL with its origin highlighted, the status Chrome hides behind "CORS error",
// what made the request (its kind), the cause, and how many times this endpoint failed this way. Absolutely
// positioned: the list is virtualized.
import { memo } from './memo.ts';
import type { Group } from '../state/groups.ts';
import { kindCell, kindOf } from '../state/kinds.ts';

export const ROW_HEIGHT = 22;

interface Props {
  group: Group;
  index: number;
  selected: boolean;
  onSelect: (key: string) => void;
}

export function splitOrigin(url: string): [string, string] {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  return m ? [m[0], url.slice(m[0].length)] : ['', url];
}

export function statusText(g: Group): { main: string; real: string | null } {
  const { diagnosis: d, record } = g.latest;
  const last = record.observed.hops[record.observed.hops.length - 1];
  if (d.verdict === 'allowed') return { main: String(last?.status ?? ''), real: null };
  if (d.verdict === 'not-cors' && d.realStatus === null)
    return { main: record.observed.netError ?? '(failed)', real: null };
  return { main: 'CORS error', real: d.realStatus === null ? null : String(d.realStatus) };
}

function RowView({ group, index, selected, onSelect }: Props) {
  const { record, diagnosis } = group.latest;
  const [origin, rest] = splitOrigin(record.observed.url);
  const status = statusText(group);
  const kind = kindCell(kindOf(group));
  return (
    <div
      id={`row-${index}`}
      role="row"
      data-testid="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      // Zebra stripes by absolute index (not :nth-child), so they stay put while the window of rows shifts.
      class={`row${index % 2 === 1 ? ' odd' : ''}${selected ? ' selected' : ''}${diagnosis.verdict === 'allowed' ? ' allowed' : ''}`}
      style={{ top: `${index * ROW_HEIGHT}px` }}
      onMouseDown={() => {
        onSelect(group.key);
      }}
    >
      <span role="gridcell" class="method">
        {record.observed.method}
      </span>
      <span role="gridcell" class="url" title={record.observed.url}>
        <span class="origin">{origin}</span>
        {rest}
      </span>
      <span
        role="gridcell"
        class="status"
        title={status.real ? `The server answered ${status.real}; Chrome shows only "CORS error"` : undefined}
      >
        {status.main}
        {status.real ? <span class="real-status"> ({status.real})</span> : null}
      </span>
      <span role="gridcell" class="kind" title={kind.title} data-testid="kind">
        {kind.text}
      </span>
      <span role="gridcell" class="cause" title={diagnosis.headline}>
        {diagnosis.code}
        {group.count > 1 ? (
          <span class="count" aria-label={`${group.count} times`}>
            {' '}
            ×{group.count}
          </span>
        ) : null}
      </span>
    </div>
  );
}

export const Row = memo(RowView);
