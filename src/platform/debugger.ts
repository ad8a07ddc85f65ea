// chrome.debugger for precise mode. Not in webextension-polyfill, and absent until the optional `debugger`
// permission is granted, so every call checks for it. One session per tab per extension; it belongs to the
// extension, not to the worker instance, and survives a worker restart (docs/chromium-behaviour.md#chromedebugger-precise-mode).
// https://developer.chrome.com/docs/extensions/reference/api/debugger
export interface DebuggerApi {
  available(): boolean;
  attach(tabId: number): Promise<void>;
  detach(tabId: number): Promise<void>;
  send(tabId: number, method: string, params?: object): Promise<unknown>;
  /** Tabs some debugger is attached to (DevTools itself counts): candidates to confirm with `send`, which only
   * works for this extension's own session. */
  attachedTabs(): Promise<number[]>;
  /** Listeners; call at top level when available, or right after the permission is granted. */
  listen(
    onEvent: (tabId: number, method: string, params: unknown) => void,
    onDetach: (tabId: number) => void,
  ): void;
}

const api = (): typeof chrome.debugger | undefined =>
  (globalThis as { chrome?: { debugger?: typeof chrome.debugger } }).chrome?.debugger;

export const chromeDebugger: DebuggerApi = {
  available: () => api() !== undefined,
  attach: async (tabId) => {
    await api()?.attach({ tabId }, '1.3');
  },
  detach: async (tabId) => {
    await api()?.detach({ tabId });
  },
  send: async (tabId, method, params) => api()?.sendCommand({ tabId }, method, params),
  attachedTabs: async () => {
    const targets = (await api()?.getTargets()) ?? [];
    return targets.flatMap((t) => (t.attached && t.tabId !== undefined ? [t.tabId] : []));
  },
  listen: (onEvent, onDetach) => {
    const d = api();
    if (!d) return;
    d.onEvent.addListener((source, method, params) => {
      if (source.tabId !== undefined) onEvent(source.tabId, method, params);
    });
    d.onDetach.addListener((source) => {
      if (source.tabId !== undefined) onDetach(source.tabId);
    });
  },
};
