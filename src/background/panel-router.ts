// Ports keyed by tab, and nothing else about the UI (the React DevTools background model). A panel connects
// `panel:<tabId>`, gets a full snapshot by itself, then deltas; its commands only ever concern its own tab.
import { isEnvelope, wrap, type PanelCommand, type PanelEvent } from '../shared/protocol.ts';

/** The part of a runtime port the router uses (the real Port and test fakes both fit). */
export interface RouterPort {
  postMessage(msg: unknown): void;
  onMessage: {
    addListener(cb: (msg: unknown) => void): void;
    removeListener(cb: (msg: unknown) => void): void;
  };
  onDisconnect: { addListener(cb: () => void): void; removeListener(cb: () => void): void };
}

export interface RouterDeps {
  /** A full snapshot of the tab, once its state is loaded. */
  snapshot(tabId: number): Promise<PanelEvent>;
  command(tabId: number, cmd: PanelCommand): void;
}

export interface PanelRouter {
  connect(port: RouterPort, tabId: number): void;
  /** Sends to every panel of the tab that already has its snapshot. */
  publish(tabId: number, event: PanelEvent): void;
  panelCount(tabId: number): number;
}

const COMMANDS = new Set<string>(['snapshot', 'clear', 'set-preserve-log', 'set-precise']);

export function createPanelRouter(deps: RouterDeps): PanelRouter {
  const ports = new Map<number, Set<RouterPort>>();
  /** Ports whose snapshot is still being built: deltas before it would be stale or out of order. */
  const waiting = new Set<RouterPort>();

  const post = (port: RouterPort, event: PanelEvent): void => {
    try {
      port.postMessage(wrap(event));
    } catch {
      // The panel went away between the event and this send; onDisconnect cleans up.
    }
  };

  const sendSnapshot = (port: RouterPort, tabId: number): void => {
    waiting.add(port);
    void deps.snapshot(tabId).then((snap) => {
      if (!waiting.delete(port)) return; // disconnected meanwhile
      post(port, snap);
    });
  };

  return {
    connect(port, tabId) {
      const set = ports.get(tabId) ?? new Set();
      ports.set(tabId, set);
      set.add(port);
      const onMessage = (raw: unknown): void => {
        if (!isEnvelope(raw) || !COMMANDS.has(raw.msg.type)) return;
        const cmd = raw.msg as PanelCommand;
        if (cmd.tabId !== tabId) return;
        if (cmd.type === 'snapshot') sendSnapshot(port, tabId);
        else deps.command(tabId, cmd);
      };
      const onDisconnect = (): void => {
        port.onMessage.removeListener(onMessage);
        port.onDisconnect.removeListener(onDisconnect);
        waiting.delete(port);
        set.delete(port);
        if (set.size === 0) ports.delete(tabId);
      };
      port.onMessage.addListener(onMessage);
      port.onDisconnect.addListener(onDisconnect);
      sendSnapshot(port, tabId);
    },
    publish(tabId, event) {
      for (const port of ports.get(tabId) ?? []) if (!waiting.has(port)) post(port, event);
    },
    panelCount: (tabId) => ports.get(tabId)?.size ?? 0,
  };
}
