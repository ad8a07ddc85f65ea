// The panel's composition root and the only file that touches chrome.*: it finds the inspected tab (DevTools, or
// ?tabId= when opened as a plain page in tests), the theme, wires the port channel, the engine and the fix
// generators into the store, and renders. Everything below it runs the same with a fake channel.
import { render } from 'preact';
import { App } from './app/App.tsx';
import type { PanelPlatform } from './app/context.ts';
import { createPanelStore } from './state/store.ts';
import { createPanelDeps, runningOptions } from './state/engine-deps.ts';
import type { Prefs, Store } from './state/deps.ts';
import { readPageSource } from '../src/devtools/page-sources.ts';
import { createPortChannel } from '../src/platform/port-channel.ts';
import { ALL_TABS_PERMISSIONS } from '../src/shared/permissions.ts';
import './panel.css';

const params = new URLSearchParams(location.search);
const devtools = typeof chrome !== 'undefined' ? chrome.devtools : undefined;
const tabId = devtools?.inspectedWindow.tabId ?? Number(params.get('tabId') ?? NaN);
const applyTheme = (name: string): void => {
  document.documentElement.dataset.theme = name === 'dark' ? 'dark' : 'light';
};
applyTheme(params.get('theme') ?? devtools?.panels.themeName ?? 'default');
// Follow DevTools when the user switches its theme while the panel is open (Chrome 99+).
if (!params.has('theme')) devtools?.panels.setThemeChangeHandler(applyTheme);

const PREFS_KEY = 'cors-lens:backend-by-origin';
const prefs: Prefs = {
  load: () => {
    try {
      return JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as ReturnType<Prefs['load']>;
    } catch {
      return {};
    }
  },
  save: (choices) => {
    localStorage.setItem(PREFS_KEY, JSON.stringify(choices));
  },
};

const ANSWERS_KEY = 'cors-lens:credentials-by-origin';
const answers: Store<Record<string, boolean>> = {
  load: () => {
    try {
      const v = JSON.parse(localStorage.getItem(ANSWERS_KEY) ?? '{}') as unknown;
      return typeof v === 'object' && v !== null ? (v as Record<string, boolean>) : {};
    } catch {
      return {};
    }
  },
  save: (v) => {
    localStorage.setItem(ANSWERS_KEY, JSON.stringify(v));
  },
};

/** The Clipboard API needs focus and permission inside the DevTools iframe; execCommand is the fallback. */
async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the only copy path when the DevTools iframe lacks clipboard-write
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

const platform: PanelPlatform = {
  copy,
  requestPrecise: () => chrome.permissions.request({ permissions: ['debugger'] }),
  setAllTabs: async (on) => {
    const all = {
      permissions: [...ALL_TABS_PERMISSIONS.permissions],
      origins: [...ALL_TABS_PERMISSIONS.origins],
    };
    return on ? chrome.permissions.request(all) : !(await chrome.permissions.remove(all));
  },
  download: (file) => {
    const url = URL.createObjectURL(new Blob([file.text], { type: file.mime }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file.filename;
    a.click();
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 10_000);
  },
};

const root = document.getElementById('app');
if (root && Number.isInteger(tabId)) {
  const version =
    typeof chrome !== 'undefined' && 'runtime' in chrome ? chrome.runtime.getManifest().version : '0.0.0';
  // The inspected page runs in this same browser: its version selects the console wording the panel shows.
  const running = runningOptions(navigator);
  const firefox = /Firefox\/(\d+)/.exec(navigator.userAgent);
  const browser = firefox
    ? `Firefox ${firefox[1] ?? ''}`
    : running.chromeVersion !== undefined
      ? `Chromium ${String(running.chromeVersion)}`
      : navigator.userAgent;
  // The inspected page's URL for exports: read once (retrying while DevTools still attaches), then followed
  // across navigations.
  let pageUrl: string | null = null;
  const readPageUrl = (attempt: number): void => {
    devtools?.inspectedWindow.eval<string>('location.href', (href, failure) => {
      if (failure === undefined) pageUrl = href;
      else if (attempt < 5) {
        setTimeout(
          () => {
            readPageUrl(attempt + 1);
          },
          200 * 2 ** attempt,
        );
      }
    });
  };
  readPageUrl(0);
  devtools?.network.onNavigated.addListener((url) => {
    pageUrl = url;
  });
  const deps = createPanelDeps({
    prefs,
    answers,
    version,
    browser,
    running,
    pageUrl: () => pageUrl,
    ...(devtools ? { readSource: readPageSource } : {}),
  });
  const store = createPanelStore(createPortChannel(tabId), tabId, deps);
  render(<App store={store} platform={platform} />, root);
  addEventListener('pagehide', () => {
    store.dispose();
  });
} else if (root) {
  root.textContent = 'CORS Lens: no inspected tab (open this page from DevTools, or pass ?tabId=).';
}
