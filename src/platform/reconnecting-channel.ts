// The panel's transport logic, independent of chrome.*: a port named `panel:<tabId>` that reconnects by itself.
// The service worker is disposable (it stops after ~30 s idle or when forced), which disconnects the port; that is
// a normal event here, answered by reconnecting with back-off (limits.ts). On every connect the service worker
// sends a full snapshot by itself, so nothing is replayed from this side.
// https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/lifecycle
import type { ConnectionState, PanelChannel } from '../shared/channel.ts';
import { LIMITS } from '../shared/limits.ts';
import { PROTOCOL_VERSION, SOURCE, isEnvelope, panelPortName, wrap } from '../shared/protocol.ts';
import type { PanelCommand, PanelEvent } from '../shared/protocol.ts';

/** The part of a runtime port this channel uses (the polyfill's Port and test fakes both fit). */
export interface PortLike {
  postMessage(msg: unknown): void;
  disconnect(): void;
  onMessage: {
    addListener(cb: (msg: unknown) => void): void;
    removeListener(cb: (msg: unknown) => void): void;
  };
  onDisconnect: { addListener(cb: () => void): void; removeListener(cb: () => void): void };
}

export interface PortChannelDeps {
  connect(name: string): PortLike;
  setTimer(cb: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

const PANEL_EVENTS = new Set<string>(['snapshot', 'record', 'reset', 'settings']);

const isIncompatible = (x: unknown): boolean =>
  typeof x === 'object' &&
  x !== null &&
  (x as { source?: unknown }).source === SOURCE &&
  (x as { v?: unknown }).v !== PROTOCOL_VERSION;

export function createPortChannelWith(tabId: number, deps: PortChannelDeps): PanelChannel {
  const listeners = new Set<(e: PanelEvent) => void>();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let port: PortLike | null = null;
  let timer: unknown = null;
  let delay: number = LIMITS.reconnectMinMs;
  let closed = false;

  const setState = (s: ConnectionState): void => {
    if (s === state) return;
    state = s;
    for (const cb of [...stateListeners]) cb(s);
  };

  const onMessage = (raw: unknown): void => {
    if (isIncompatible(raw)) {
      setState('incompatible');
      return;
    }
    if (!isEnvelope(raw) || !PANEL_EVENTS.has(raw.msg.type)) return;
    const event = raw.msg as PanelEvent;
    if (event.tabId !== tabId) return;
    // The first message of a connection is its snapshot: only then is the link known to be up.
    delay = LIMITS.reconnectMinMs;
    setState('connected');
    for (const cb of [...listeners]) cb(event);
  };

  const detach = (): void => {
    if (!port) return;
    port.onMessage.removeListener(onMessage);
    port.onDisconnect.removeListener(onDisconnect);
    port = null;
  };

  function onDisconnect(): void {
    detach();
    if (closed || state === 'incompatible') return;
    setState('reconnecting');
    scheduleConnect();
  }

  const scheduleConnect = (): void => {
    if (timer !== null) return;
    timer = deps.setTimer(() => {
      timer = null;
      open();
    }, delay);
    delay = Math.min(delay * 2, LIMITS.reconnectMaxMs);
  };

  function open(): void {
    if (closed) return;
    try {
      port = deps.connect(panelPortName(tabId));
    } catch {
      // "Extension context invalidated": the extension was updated or removed; this page must be reopened.
      setState('incompatible');
      return;
    }
    port.onMessage.addListener(onMessage);
    port.onDisconnect.addListener(onDisconnect);
  }

  open();

  return {
    send(cmd: PanelCommand): void {
      if (!port) return;
      try {
        port.postMessage(wrap(cmd));
      } catch {
        onDisconnect();
      }
    },
    subscribe(onEvent) {
      const cb = (e: PanelEvent): void => {
        onEvent(e);
      };
      listeners.add(cb);
      return () => {
        listeners.delete(cb);
      };
    },
    onState(cb) {
      const wrapped = (s: ConnectionState): void => {
        cb(s);
      };
      stateListeners.add(wrapped);
      wrapped(state);
      return () => {
        stateListeners.delete(wrapped);
      };
    },
    close(): void {
      closed = true;
      if (timer !== null) deps.clearTimer(timer);
      timer = null;
      const p = port;
      detach();
      p?.disconnect();
      listeners.clear();
      stateListeners.clear();
    },
  };
}
