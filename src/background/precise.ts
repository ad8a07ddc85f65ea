// Precise mode: Chrome's own verdict through chrome.debugger, on demand (opt-in, optional permission). Costs
// measured in docs/chromium-behaviour.md#chromedebugger-precise-mode: a global "is debugging this browser" bar, +0.3× load time, and a
// worker kept alive while attached, so it attaches only when asked and detaches when told or when the tab
// stops being inspected. Audits.enable replays the current document's CorsIssues, so failures from before the
// attach still get their verdict. After a worker restart the session is still attached: it is found again with
// getTargets + a command (a fresh attach would fail with "Another debugger is already attached").
import type { DebuggerApi } from '../platform/debugger.ts';
import type { PreciseState } from '../shared/protocol.ts';

export interface ChromeVerdict {
  url: string;
  corsError: string;
  failedParameter: string;
}

export interface PreciseDeps {
  api: DebuggerApi;
  onVerdict(tabId: number, v: ChromeVerdict): void;
  onState(tabId: number, s: PreciseState): void;
}

interface CorsErrorStatus {
  corsError?: unknown;
  failedParameter?: unknown;
}

const verdictOf = (url: unknown, s: CorsErrorStatus | undefined): ChromeVerdict | null =>
  typeof url === 'string' && typeof s?.corsError === 'string'
    ? {
        url,
        corsError: s.corsError,
        failedParameter: typeof s.failedParameter === 'string' ? s.failedParameter : '',
      }
    : null;

export function createPrecise(deps: PreciseDeps) {
  const on = new Set<number>();
  /** CDP request id → URL, per tab, for loadingFailed (which names only the id). Bounded. */
  const urls = new Map<string, string>();

  const enable = async (tabId: number): Promise<void> => {
    await deps.api.send(tabId, 'Network.enable');
    await deps.api.send(tabId, 'Audits.enable'); // replays this document's CorsIssues
  };

  return {
    isOn: (tabId: number) => on.has(tabId),

    async start(tabId: number): Promise<void> {
      if (!deps.api.available()) {
        deps.onState(tabId, 'denied'); // the panel asks for the optional permission on a click, then sends this
        return;
      }
      deps.onState(tabId, 'attaching');
      try {
        await deps.api.attach(tabId);
      } catch {
        // Already ours (a previous worker attached it) if a command goes through; otherwise another debugger.
      }
      try {
        await enable(tabId);
        on.add(tabId);
        deps.onState(tabId, 'on');
      } catch {
        deps.onState(tabId, 'error');
      }
    },

    async stop(tabId: number): Promise<void> {
      if (!on.delete(tabId)) return;
      await deps.api.detach(tabId).catch(() => undefined);
      deps.onState(tabId, 'off');
    },

    /** After a restart: which of the remembered tabs are still attached to us. */
    async resume(remembered: readonly number[]): Promise<void> {
      if (!deps.api.available()) return;
      const attached = new Set(await deps.api.attachedTabs().catch(() => []));
      for (const tabId of remembered) {
        if (!attached.has(tabId)) continue;
        await enable(tabId).then(
          () => on.add(tabId),
          () => undefined,
        );
      }
    },

    detached(tabId: number): void {
      if (on.delete(tabId)) deps.onState(tabId, 'off');
    },

    event(tabId: number, method: string, params: unknown): void {
      const p = params as Record<string, unknown>;
      if (method === 'Network.requestWillBeSent') {
        const req = p.request as { url?: unknown } | undefined;
        if (typeof p.requestId === 'string' && typeof req?.url === 'string') {
          urls.set(p.requestId, req.url);
          if (urls.size > 2_000) urls.delete(urls.keys().next().value as string);
        }
      } else if (method === 'Network.loadingFailed') {
        const v = verdictOf(urls.get(String(p.requestId)), p.corsErrorStatus as CorsErrorStatus | undefined);
        if (v) deps.onVerdict(tabId, v);
      } else if (method === 'Audits.issueAdded') {
        const issue = p.issue as
          | {
              code?: string;
              details?: {
                corsIssueDetails?: { request?: { url?: unknown }; corsErrorStatus?: CorsErrorStatus };
              };
            }
          | undefined;
        const d = issue?.code === 'CorsIssue' ? issue.details?.corsIssueDetails : undefined;
        const v = verdictOf(d?.request?.url, d?.corsErrorStatus);
        if (v) deps.onVerdict(tabId, v);
      }
    },
  };
}

export type Precise = ReturnType<typeof createPrecise>;
