// The failure list: a virtualized grid (fixed row height, only visible rows in the DOM) so 10 000 records scroll
// smoothly. Keyboard: arrows/Page/Home/End move the selection, Enter opens the details, Ctrl/Cmd+C copies the fix.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useStore } from './context.ts';
import { Row, ROW_HEIGHT } from './Row.tsx';

const OVERSCAN = 8;
/** The window of rows moves in steps of this many rows, so most scroll events re-render nothing. */
const STEP = 8;

interface Props {
  onOpen: () => void;
  onCopy: () => void;
}

export function RequestList({ onOpen, onCopy }: Props) {
  const store = useStore();
  const rows = store.visible.value;
  const selectedIndex = store.selectedIndex.value;
  const scroller = useRef<HTMLDivElement>(null);
  const [step, setStep] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      if (el.clientHeight > 0) setHeight(el.clientHeight);
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
    };
  }, []);

  // Keep the selected row in view when the keyboard moves it.
  useEffect(() => {
    const el = scroller.current;
    if (!el || selectedIndex < 0) return;
    const top = selectedIndex * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight && el.clientHeight > 0)
      el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, [selectedIndex]);

  const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
  const onKeyDown = (e: KeyboardEvent): void => {
    const moves: Record<string, number | 'first' | 'last'> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
      Home: 'first',
      End: 'last',
    };
    const move = moves[e.key];
    if (move !== undefined) {
      e.preventDefault();
      store.actions.move(move);
    } else if (e.key === 'Enter' && selectedIndex >= 0) {
      e.preventDefault();
      onOpen();
    } else if (
      (e.ctrlKey || e.metaKey) &&
      e.key.toLowerCase() === 'c' &&
      String(window.getSelection() ?? '') === ''
    ) {
      e.preventDefault();
      onCopy();
    }
  };

  const first = Math.max(0, step * STEP - OVERSCAN);
  const last = Math.min(rows.length, step * STEP + Math.ceil(height / ROW_HEIGHT) + STEP + OVERSCAN);
  const active = selectedIndex >= first && selectedIndex < last ? `row-${selectedIndex}` : undefined;

  return (
    <div
      class="list"
      role="grid"
      aria-label="Cross-origin failures"
      aria-rowcount={rows.length + 1}
      aria-activedescendant={active}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" class="list-head">
        <div role="row" aria-rowindex={1} class="row">
          <span role="columnheader">Method</span>
          <span role="columnheader">URL</span>
          <span role="columnheader">Status</span>
          <span role="columnheader">Kind</span>
          <span role="columnheader">Cause</span>
        </div>
      </div>
      <div
        class="list-body"
        role="rowgroup"
        ref={scroller}
        onScroll={(e) => {
          setStep(Math.floor(e.currentTarget.scrollTop / (ROW_HEIGHT * STEP)));
        }}
      >
        <div class="list-spacer" style={{ height: `${rows.length * ROW_HEIGHT}px` }}>
          {rows.slice(first, last).map((g, i) => (
            <Row
              key={g.key}
              group={g}
              index={first + i}
              selected={first + i === selectedIndex}
              onSelect={store.actions.select}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
