// The panel's one store: signals fed by protocol events from a PanelChannel, computeds for everything derived
// (diagnoses, groups, the visible rows, the selected fix), and the actions that are the only way to change it.
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { BackendId } from '../../src/fixes/types.ts';
import type { ConnectionState, PanelChannel } from '../../src/shared/channel.ts';
import type { ExchangeRecord } from '../../src/shared/model.ts';
import type { AllTabsState, PanelEvent, PreciseState } from '../../src/shared/protocol.ts';
import type { BackendOption, PanelDeps } from './deps.ts';
import { filterGroups, groupEntries, type Group } from './groups.ts';
import type { KindFilter } from './kinds.ts';
import { createRecordBook } from './record-book.ts';
import { createEntries } from './entries.ts';
import { createSelection } from './selection.ts';
import { createFixState, type FixState } from './fix-state.ts';
import { createExporter, type ExportFile, type ExportFormat, type ExportScope } from './exporter.ts';
import { createHarFile, type HarFile, type HarSource } from './har-file.ts';

export interface PanelStore {
  readonly tabId: number;
  readonly deps: PanelDeps;
  readonly connection: ReadonlySignal<ConnectionState>;
  readonly preserveLog: ReadonlySignal<boolean>;
  /** Precise mode (Chrome's own verdict over chrome.debugger), as the service worker reports it. */
  readonly precise: ReadonlySignal<PreciseState>;
  /** "Record all tabs" (optional webRequest permission), as the service worker reports it. */
  readonly allTabs: ReadonlySignal<AllTabsState>;
  readonly filter: ReadonlySignal<string>;
  readonly showAll: ReadonlySignal<boolean>;
  /** The toolbar's kind filter (what made the request: fetch, font, script, …). */
  readonly kind: ReadonlySignal<KindFilter>;
  readonly includeSensitive: ReadonlySignal<boolean>;
  /** The records shown: the tab's live ones, or those of the HAR file opened in their place. */
  readonly records: ReadonlySignal<readonly ExchangeRecord[]>;
  /** The HAR file shown (or being read, or refused) instead of live capture. */
  readonly har: Pick<HarFile, 'shown' | 'reading' | 'error'>;
  readonly groups: ReadonlySignal<readonly Group[]>;
  readonly visible: ReadonlySignal<readonly Group[]>;
  readonly selectedKey: ReadonlySignal<string | null>;
  readonly selected: ReadonlySignal<Group | null>;
  readonly selectedIndex: ReadonlySignal<number>;
  readonly fix: ReadonlySignal<FixState | null>;
  /** Every backend the fix picker offers (empty until the generators have loaded). */
  readonly backends: ReadonlySignal<readonly BackendOption[]>;
  readonly actions: {
    setFilter: (text: string) => void;
    setShowAll: (value: boolean) => void;
    setKind: (kind: KindFilter) => void;
    setPreserveLog: (value: boolean) => void;
    /** Asks the worker to attach (or detach) chrome.debugger; call after the permission was granted. */
    setPrecise: (value: boolean) => void;
    /** The user refused the optional permission: shown until they try again. */
    preciseRefused: () => void;
    /** The permission was just granted or removed (the worker confirms with its next settings). */
    allTabsChanged: (granted: boolean) => void;
    setIncludeSensitive: (value: boolean) => void;
    /** Clears the tab's records; with a HAR file shown, closes it instead (back to live capture). */
    clear: () => void;
    /** Reads a HAR file and shows its failures instead of the live ones; a bad file changes nothing shown. */
    openHar: (file: HarSource) => Promise<void>;
    closeHar: () => void;
    dismissHarError: () => void;
    select: (key: string | null) => void;
    /** Moves the selection by `delta` visible rows (clamped); 'first'/'last' jump. */
    move: (delta: number | 'first' | 'last') => void;
    chooseBackend: (apiOrigin: string, backend: BackendId) => void;
    /** Does this API's call send cookies or an Authorization header? (null forgets the answer) */
    answerCredentials: (apiOrigin: string, sends: boolean | null) => void;
    exportReport: (format: ExportFormat, scope: ExportScope) => ExportFile;
  };
  dispose: () => void;
}

export function createPanelStore(channel: PanelChannel, tabId: number, deps: PanelDeps): PanelStore {
  const connection = signal<ConnectionState>('connecting');
  const preserveLog = signal(false);
  const precise = signal<PreciseState>('off');
  const allTabs = signal<AllTabsState>('off');
  const filter = signal('');
  const showAll = signal(false);
  const kind = signal<KindFilter>('all');
  const includeSensitive = signal(false);
  const book = createRecordBook(channel, tabId);
  const har = createHarFile();
  const records = computed(() => har.shown.value?.records ?? book.records.value);

  // A HAR file's records are diagnosed with its exporting browser's profile (whose version the file does not say:
  // the newest templates); live records with the running browser's, as deps decides.
  const viewDeps: PanelDeps = {
    ...deps,
    diagnose: (o) => {
      const profile = har.shown.value?.profile;
      return profile ? deps.diagnose(o, { browser: profile }) : deps.diagnose(o);
    },
  };
  const entries = createEntries(records, viewDeps);
  const groups = computed(() => groupEntries(entries.value));
  const visible = computed(() => filterGroups(groups.value, filter.value, showAll.value, kind.value));
  const selection = createSelection(visible);
  const fixState = createFixState(selection.selected, viewDeps, entries);
  const exporter = createExporter({
    deps: viewDeps,
    // A file's report names the file's page and browser, not the inspected tab's.
    source: () => {
      const file = har.shown.value;
      return file
        ? { pageUrl: file.pageUrl, browser: file.creator }
        : { pageUrl: deps.pageUrl?.() ?? null, browser: deps.browser ?? null };
    },
    entries,
    selected: selection.selected,
    includeSensitive,
    fixState,
  });

  const onEvent = (e: PanelEvent): void => {
    if (e.tabId !== tabId) return;
    if (e.type === 'snapshot' || e.type === 'settings') {
      preserveLog.value = e.preserveLog;
      precise.value = e.precise ?? 'off';
      allTabs.value = e.allTabs ?? 'off';
    }
    book.apply(e);
  };
  const disposers = [channel.subscribe(onEvent), channel.onState((s) => (connection.value = s))];

  return {
    tabId,
    deps,
    connection,
    preserveLog,
    precise,
    allTabs,
    filter,
    showAll,
    kind,
    includeSensitive,
    records,
    har,
    groups,
    visible,
    selectedKey: selection.key,
    selected: selection.selected,
    selectedIndex: selection.index,
    fix: fixState.current,
    backends: fixState.backends,
    actions: {
      setFilter: (text) => (filter.value = text),
      setShowAll: (value) => (showAll.value = value),
      setKind: (value) => (kind.value = value),
      setPreserveLog: (value) => {
        preserveLog.value = value;
        channel.send({ type: 'set-preserve-log', tabId, value });
      },
      setPrecise: (value) => {
        precise.value = value ? 'attaching' : 'off';
        channel.send({ type: 'set-precise', tabId, value });
      },
      preciseRefused: () => (precise.value = 'denied'),
      // In Chrome a grant takes effect at the next browser start (background/all-tabs.ts); a removal at once.
      allTabsChanged: (granted) =>
        (allTabs.value = !granted ? 'off' : deps.engineBrowser === 'firefox' ? 'on' : 'restart'),
      setIncludeSensitive: (value) => (includeSensitive.value = value),
      clear: () => {
        if (har.shown.value || har.reading.value) {
          batch(() => {
            har.close();
            selection.select(null);
          });
          return;
        }
        batch(() => {
          book.clearLocal();
          selection.select(null);
        });
        channel.send({ type: 'clear', tabId });
      },
      openHar: async (file) => {
        await har.open(file);
        if (har.shown.value && !har.error.value) selection.select(null);
      },
      closeHar: () => {
        batch(() => {
          har.close();
          selection.select(null);
        });
      },
      dismissHarError: har.dismissError,
      select: selection.select,
      move: selection.move,
      chooseBackend: fixState.choose,
      answerCredentials: fixState.answer,
      exportReport: exporter.exportReport,
    },
    dispose: () => {
      for (const d of disposers) d();
      fixState.dispose();
      book.dispose();
    },
  };
}
