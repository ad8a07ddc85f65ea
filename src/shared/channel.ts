// The panel's transport, as an interface: a reconnecting port in the extension (src/platform/port-channel.ts),
// an in-memory pair in tests. The panel store is built on this, never on chrome.*.
import type { PanelCommand, PanelEvent } from './protocol.ts';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'incompatible';

export interface PanelChannel {
  /** Sends a command to the service worker (dropped while disconnected; the snapshot on reconnect covers it). */
  send(cmd: PanelCommand): void;
  /** Delivers every event from the service worker; returns the one disposer that removes the listener. */
  subscribe(onEvent: (e: PanelEvent) => void): () => void;
  /** Reports connection changes; on every (re)connect the service worker sends a full snapshot by itself. */
  onState(cb: (s: ConnectionState) => void): () => void;
  close(): void;
}
