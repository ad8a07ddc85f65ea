// The panel: toolbar, the failure list (or the empty state) and the details of the selected failure side by
// side, like the Network panel. Knows nothing of chrome.*: the store and the platform come in as props.
import { useRef } from 'preact/hooks';
import type { PanelStore } from '../state/store.ts';
import { PlatformContext, StoreContext, useStore, type PanelPlatform } from './context.ts';
import { Details } from './Details.tsx';
import { ExplainBox } from './ExplainBox.tsx';
import { HarBanner } from './HarBanner.tsx';
import { HarDrop } from './HarDrop.tsx';
import { RequestList } from './RequestList.tsx';
import { Toolbar } from './Toolbar.tsx';
import { useCopy } from './useCopy.ts';

export const EMPTY_TEXT = 'Reproduce the failing request: CORS Lens records while DevTools is open.';

function Main() {
  const store = useStore();
  const heading = useRef<HTMLHeadingElement>(null);
  const [message, copy] = useCopy();
  const selected = store.selected.value;
  const hasRows = store.visible.value.length > 0;
  const filtered = !hasRows && store.groups.value.length > 0;
  const file = store.har.shown.value;
  const copyFix = (): void => {
    const fix = store.fix.value?.fix;
    if (fix) copy(fix.snippets.map((s) => s.code).join('\n\n'), 'Fix');
  };
  return (
    <main class="main">
      <div class="list-pane">
        {hasRows ? (
          <RequestList onOpen={() => heading.current?.focus()} onCopy={copyFix} />
        ) : (
          <div class="empty-state">
            <div class="empty" data-testid="empty">
              <p>
                {filtered
                  ? 'No failures match the filter.'
                  : file
                    ? `No CORS failures in ${file.name}.`
                    : EMPTY_TEXT}
              </p>
            </div>
            {!filtered && !file && <ExplainBox />}
          </div>
        )}
        <div class="list-foot">
          <span data-testid="counts">
            {store.visible.value.length} shown · {store.records.value.length}{' '}
            {file ? `requests from ${file.name}` : 'requests recorded'}
          </span>
          <span class="keys">↑↓ select · Enter details · Esc back · Ctrl+C copy fix</span>
          <span role="status" aria-live="polite">
            {message}
          </span>
        </div>
      </div>
      <div
        class="details-pane"
        onKeyDown={(e) => {
          // Escape goes back to the list, where the arrows continue from the selected row.
          if (e.key === 'Escape') document.querySelector<HTMLElement>('.list')?.focus();
        }}
      >
        {selected ? (
          <Details group={selected} headingRef={heading} />
        ) : (
          <p class="muted placeholder">Select a failure to see its cause and fix.</p>
        )}
      </div>
    </main>
  );
}

export function App({ store, platform }: { store: PanelStore; platform: PanelPlatform }) {
  return (
    <StoreContext.Provider value={store}>
      <PlatformContext.Provider value={platform}>
        <div class="app">
          <h1 class="visually-hidden">CORS Lens</h1>
          <HarDrop>
            <Toolbar />
            <HarBanner />
            <Main />
          </HarDrop>
        </div>
      </PlatformContext.Provider>
    </StoreContext.Provider>
  );
}
