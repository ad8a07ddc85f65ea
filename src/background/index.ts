// Service worker composition root. Every listener is registered synchronously at top level: Chrome only wakes a
// stopped worker for listeners registered during its first run, and then delivers every event to it
// (https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/events; measured in
// docs/chromium-behaviour.md#service-worker-lifetime). The worker is disposable: its state is rebuilt from storage.session.
import { browser, optionalWebRequest, webRequestDialect, type Runtime } from '../platform/browser.ts';
import { LIMITS } from '../shared/limits.ts';
import { isEnvelope, parseDevtoolsPortName, parsePanelPortName, wrap } from '../shared/protocol.ts';
import { createCaptureService } from './capture-service.ts';
import { createPageErrorInput } from './page-input.ts';
import { createPanelRouter } from './panel-router.ts';
import { createPersistence } from './persistence.ts';
import { createWebRequestCapture, type Capture } from './web-request.ts';
import { createTabOrigins } from './web-request-owners.ts';
import { createPrecise } from './precise.ts';
import { chromeDebugger } from '../platform/debugger.ts';
import { GRANTED_THIS_SESSION, loadAllTabs } from './all-tabs.ts';
import { pageScripts, syncPageScripts } from './page-scripts.ts';
import { chromeScripting } from '../platform/scripting.ts';
import { ALL_TABS_PERMISSIONS } from '../shared/permissions.ts';
import relayFile from '../content/relay.ts?script&iife';
import hookFile from '../content/page-hook.ts?script&iife';

/** Where this browser's webRequest differs (Firefox: docs/firefox.md#capture-in-firefox). */
const dialect = webRequestDialect();
const PAGE_SCRIPTS = pageScripts({ relay: relayFile, hook: hookFile });
/** The page scripts run in every page only while every tab is recorded (page-scripts.ts). */
const setPageScripts = (on: boolean): void => {
  syncPageScripts(chromeScripting, PAGE_SCRIPTS, on).catch(() => {
    // Without the host permission Chrome refuses to register: then nothing runs in pages, which is the point.
  });
};

// storage.session holds 10 MB in all; when a write fails the oldest records make room.
const persistence = createPersistence(
  browser.storage.session,
  () => {
    service.trimForQuota();
  },
  (record) => service.persistDelayMs(record),
);
const router = createPanelRouter({
  snapshot: (tabId) => service.snapshot(tabId),
  command: (tabId, cmd) => {
    service.command(tabId, cmd);
  },
});
/** Each tab's page origin, for the requests of shared and service workers, which have no tab (web-request-owners.ts):
 * read when capture starts, kept current by tabs.onUpdated. */
const tabOrigins = createTabOrigins();
let tabOriginsRead: Promise<void> = Promise.resolve();
const service = createCaptureService({
  persistence,
  router: () => router,
  loadAllTabs: async () => {
    const state = await loadAllTabs({
      hasPermission: () =>
        browser.permissions.contains({
          permissions: [...ALL_TABS_PERMISSIONS.permissions],
          origins: [...ALL_TABS_PERMISSIONS.origins],
        }),
      grantedThisSession: async () =>
        dialect.grantNeedsRestart &&
        (await browser.storage.session.get(GRANTED_THIS_SESSION))[GRANTED_THIS_SESSION] === true,
    });
    setPageScripts(state === 'on');
    if (state === 'on') await tabOriginsRead; // a worker's request that woke the worker waits for its owners
    return state;
  },
  now: () => Date.now(),
  ownersOf: (origin) => tabOrigins.ownersOf(origin),
  webRequest: dialect,
  setTimer: (cb, ms) => setTimeout(cb, ms),
  setPrecise: (tabId, on) => {
    void (on ? precise.start(tabId) : precise.stop(tabId));
  },
  resumePrecise: (tabIds) => {
    void precise.resume(tabIds);
  },
  reread: (tabId, ids) => {
    devtoolsPorts.get(tabId)?.postMessage(wrap({ type: 'reread', tabId, ids }));
  },
});
const precise = createPrecise({
  api: chromeDebugger,
  onVerdict: (tabId, v) => {
    service.verdict(tabId, v);
  },
  onState: (tabId, s) => {
    service.preciseState(tabId, s);
  },
});
// "Record all tabs" (all-tabs.ts): only with the optional webRequest permission, registered now so that requests
// wake the worker. Without it nothing of the extension sits in the network path: while DevTools is open on a
// tab, its devtools page records from DevTools' own network log.
// Firefox delivers to listeners added after a runtime grant, so there the grant starts the capture at once.
let capture: Capture | null = null;
const startCapture = (): void => {
  const webRequest = optionalWebRequest();
  if (capture || !webRequest) return;
  capture = createWebRequestCapture(
    webRequest,
    () => service.wantsWebRequest(),
    (ev) => {
      service.capture(ev);
    },
    dialect,
  );
  capture.start();
  tabOriginsRead = browser.tabs.query({}).then(
    (tabs) => {
      tabOrigins.seed(tabs);
    },
    () => undefined,
  );
  // Tabs without DevTools are recorded then, and a new page clears them.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url !== undefined) tabOrigins.set(tabId, change.url);
    if (change.status === 'loading' && change.url !== undefined) service.tabNavigated(tabId, Date.now());
  });
};
startCapture();
service.warm();

// Debugger events wake a stopped worker too (measured), but only for listeners registered now; without the
// optional permission there is no chrome.debugger until the user grants it from the panel.
const listenDebugger = (): void => {
  chromeDebugger.listen(
    (tabId, method, params) => {
      precise.event(tabId, method, params);
    },
    (tabId) => {
      precise.detached(tabId);
    },
  );
};
listenDebugger();
browser.permissions.onAdded.addListener((p) => {
  const granted = p.permissions as string[] | undefined; // the polyfill's types lack Chrome's debugger
  if (granted?.includes('debugger')) listenDebugger();
  if (!granted?.includes('webRequest')) return;
  if (dialect.grantNeedsRestart) {
    void browser.storage.session.set({ [GRANTED_THIS_SESSION]: true });
    service.setAllTabs('restart');
    return;
  }
  startCapture();
  void browser.permissions
    .contains({
      permissions: [...ALL_TABS_PERMISSIONS.permissions],
      origins: [...ALL_TABS_PERMISSIONS.origins],
    })
    .then((all) => {
      service.setAllTabs(all && capture ? 'on' : 'off');
      setPageScripts(all);
    });
});
browser.permissions.onRemoved.addListener((p) => {
  const lost =
    (p.permissions as string[] | undefined)?.includes('webRequest') === true ||
    p.origins?.includes('<all_urls>') === true;
  if (!lost) return;
  service.setAllTabs('off'); // from now on webRequest events are ignored; the proxy itself goes with the restart
  setPageScripts(false);
});

/** Page errors, from the page scripts ("Record all tabs") or the devtools page's hook: one rate limit per tab. */
const pageInput = createPageErrorInput(LIMITS.pageMessagesPerSecond);
const extensionOrigin = browser.runtime.getURL('');
/** The devtools page of each inspected tab (the newest, if DevTools was reopened). */
const devtoolsPorts = new Map<number, Runtime.Port>();
const fromExtensionPage = (port: Runtime.Port): boolean =>
  port.sender?.url?.startsWith(extensionOrigin) === true;

browser.runtime.onConnect.addListener((port) => {
  if (!fromExtensionPage(port)) return; // content scripts may not read or drive any tab's records
  const panelTab = parsePanelPortName(port.name);
  if (panelTab !== null) {
    const release = service.inspect(panelTab);
    port.onDisconnect.addListener(release);
    router.connect(port, panelTab);
    return;
  }
  const devtoolsTab = parseDevtoolsPortName(port.name);
  if (devtoolsTab === null) return;
  const release = service.inspect(devtoolsTab);
  devtoolsPorts.set(devtoolsTab, port);
  const onMessage = (raw: unknown): void => {
    if (!isEnvelope(raw)) return;
    if (raw.msg.type === 'page-error') {
      // The inspected page's own error, read by the devtools page from its hook: page data, checked as such.
      const report = pageInput.accept(devtoolsTab, raw, Date.now());
      if (report) service.pageError(devtoolsTab, 0, report);
      return;
    }
    if (!('tabId' in raw.msg) || raw.msg.tabId !== devtoolsTab) return;
    if (raw.msg.type === 'exchange') {
      const upTo = raw.msg.n;
      service.exchange(devtoolsTab, raw.msg, () => {
        try {
          port.postMessage(wrap({ type: 'stored', tabId: devtoolsTab, upTo }));
        } catch {
          // The port closed meanwhile: the devtools page sends the exchange again on its next connection.
        }
      });
    } else if (raw.msg.type === 'navigated') service.navigated(devtoolsTab, raw.msg.at);
  };
  port.onMessage.addListener(onMessage);
  port.onDisconnect.addListener(() => {
    port.onMessage.removeListener(onMessage);
    if (devtoolsPorts.get(devtoolsTab) === port) devtoolsPorts.delete(devtoolsTab);
    release();
  });
});

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  const tabId = sender.tab?.id;
  if (sender.id !== browser.runtime.id || tabId === undefined || !service.isRecorded(tabId)) return;
  const report = pageInput.accept(tabId, raw, Date.now());
  if (report) service.pageError(tabId, sender.frameId ?? 0, report);
});

browser.tabs.onRemoved.addListener((tabId) => {
  tabOrigins.remove(tabId);
  service.tabClosed(tabId);
});
