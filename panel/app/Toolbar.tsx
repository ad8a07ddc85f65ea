// The DevTools-style toolbar: filter, kind filter, failures only / all cross-origin, Preserve log, Clear, export of all
// failures with the "include sensitive values" choice, and the connection state (in a fixed slot: no jumps).
import { usePlatform, useStore } from './context.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { HarOpenButton } from './HarOpenButton.tsx';
import { KindFilter } from './KindFilter.tsx';

const CONNECTION_TEXT = {
  connecting: 'Connecting…',
  connected: 'Recording',
  reconnecting: 'Reconnecting…',
  incompatible: 'Extension updated: close and reopen DevTools',
} as const;

function Check({
  label,
  checked,
  onChange,
  testId,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  testId?: string;
}) {
  return (
    <label>
      <input
        type="checkbox"
        data-testid={testId}
        checked={checked}
        onChange={(e) => {
          onChange(e.currentTarget.checked);
        }}
      />
      {label}
    </label>
  );
}

const PRECISE_NOTE = {
  off: '',
  attaching: 'attaching…',
  on: '',
  denied: 'permission refused',
  error: 'could not attach',
} as const;

/** Precise mode reads Chrome's own verdict through chrome.debugger; the permission is asked on the click itself,
 * because chrome.permissions.request needs the user's gesture. */
function PreciseToggle() {
  const store = useStore();
  const platform = usePlatform();
  const state = store.precise.value;
  const onChange = (on: boolean): void => {
    if (!on) {
      store.actions.setPrecise(false);
      return;
    }
    void platform.requestPrecise().then((granted) => {
      if (granted) store.actions.setPrecise(true);
      else store.actions.preciseRefused();
    });
  };
  return (
    <span title="Confirm each verdict with Chrome's own CORS error (through the debugger API; Chrome shows an infobar while on)">
      <Check
        label="Chrome's verdict"
        testId="precise"
        checked={state === 'on' || state === 'attaching'}
        onChange={onChange}
      />
      {PRECISE_NOTE[state] ? <span class="muted precise-note"> {PRECISE_NOTE[state]}</span> : null}
    </span>
  );
}

const ALL_TABS_TITLE = {
  off: 'Also record tabs without DevTools open, from the moment they load (webRequest; Chrome asks for access to all sites). Off by default: while on, every request of the browser passes through an extension hook (about 1.5× on request-heavy pages).',
  restart:
    'Granted: Chrome starts delivering requests to the extension at its next start. Restart Chrome to record all tabs.',
  on: 'Recording every tab from the moment it loads (webRequest). Turn off to give the permission back.',
} as const;

/** "Record all tabs": the optional webRequest and all-sites permissions, asked for in the click itself (user gesture). */
function AllTabsToggle() {
  const store = useStore();
  const platform = usePlatform();
  const state = store.allTabs.value;
  const onChange = (on: boolean): void => {
    void platform.setAllTabs(on).then((held) => {
      store.actions.allTabsChanged(held);
    });
  };
  return (
    <span title={ALL_TABS_TITLE[state]}>
      <Check label="Record all tabs" checked={state !== 'off'} onChange={onChange} />
      {state === 'restart' ? <span class="muted precise-note"> after a Chrome restart</span> : null}
    </span>
  );
}

export function Toolbar() {
  const store = useStore();
  const { actions } = store;
  const connection = store.connection.value;
  return (
    <div class="toolbar" role="toolbar" aria-label="CORS panel controls">
      <button type="button" class="icon" title="Clear" aria-label="Clear" onClick={actions.clear}>
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
          <circle cx="7" cy="7" r="5.5" fill="none" stroke="currentColor" stroke-width="1.5" />
          <path d="M3.2 10.8 10.8 3.2" stroke="currentColor" stroke-width="1.5" />
        </svg>
      </button>
      <input
        type="search"
        class="filter"
        placeholder="Filter"
        aria-label="Filter by URL, method or cause"
        value={store.filter.value}
        onInput={(e) => {
          actions.setFilter(e.currentTarget.value);
        }}
      />
      <KindFilter />
      <Check label="All cross-origin" checked={store.showAll.value} onChange={actions.setShowAll} />
      <Check label="Preserve log" checked={store.preserveLog.value} onChange={actions.setPreserveLog} />
      <PreciseToggle />
      <AllTabsToggle />
      <span class="sep" aria-hidden="true" />
      <HarOpenButton />
      <ExportButtons scope="all" label="Export all" />
      <Check
        label="Include sensitive values"
        checked={store.includeSensitive.value}
        onChange={actions.setIncludeSensitive}
      />
      <span class={`connection ${connection}`} role="status" aria-live="polite" data-testid="connection">
        {CONNECTION_TEXT[connection]}
      </span>
    </div>
  );
}
