// The real panel (App + store + engine + lazily loaded fixes) in a plain page, fed through an in-page channel
// that the benchmark drives with `window.panelBench.emit(event)`. No extension, no chrome.*.
import { render } from 'preact';
import { App } from '../../panel/app/App.tsx';
import { createPanelStore } from '../../panel/state/store.ts';
import { createPanelDeps } from '../../panel/state/engine-deps.ts';
import { memoryPrefs } from '../../panel/state/deps.ts';
import type { PanelChannel } from '../../src/shared/channel.ts';
import type { PanelEvent } from '../../src/shared/protocol.ts';
import '../../panel/panel.css';

const listeners = new Set<(e: PanelEvent) => void>();
const channel: PanelChannel = {
  send: () => undefined,
  subscribe: (cb) => {
    listeners.add(cb);
    return () => listeners.delete(cb);
  },
  onState: (cb) => {
    cb('connected');
    return () => undefined;
  },
  close: () => undefined,
};

const store = createPanelStore(channel, 1, createPanelDeps({ prefs: memoryPrefs(), version: 'bench' }));
const root = document.getElementById('app');
if (root)
  render(
    <App
      store={store}
      platform={{
        copy: () => Promise.resolve(true),
        download: () => undefined,
        // The benchmark never turns precise mode on.
        requestPrecise: () => Promise.resolve(false),
        setAllTabs: () => Promise.resolve(false),
      }}
    />,
    root,
  );

(window as unknown as { panelBench: unknown }).panelBench = {
  emit: (e: PanelEvent) => {
    for (const l of listeners) l(e);
  },
  store,
};
