import { describe, expect, it } from 'vitest';
import { createPortChannelWith, type PortLike } from './reconnecting-channel.ts';
import { wrap, type PanelEvent } from '../shared/protocol.ts';
import type { ConnectionState } from '../shared/channel.ts';
import { LIMITS } from '../shared/limits.ts';

/** A port that counts its listeners, so a leak (apollo-client-devtools#1332) fails a test. */
function fakePort(name: string) {
  const msg = new Set<(m: unknown) => void>();
  const disc = new Set<() => void>();
  const posted: unknown[] = [];
  const port: PortLike & {
    name: string;
    posted: unknown[];
    listenerCount(): number;
    emit(m: unknown): void;
    drop(): void;
    disconnected: boolean;
  } = {
    name,
    posted,
    disconnected: false,
    postMessage: (m) => posted.push(m),
    disconnect() {
      port.disconnected = true;
    },
    onMessage: { addListener: (cb) => msg.add(cb), removeListener: (cb) => msg.delete(cb) },
    onDisconnect: { addListener: (cb) => disc.add(cb), removeListener: (cb) => disc.delete(cb) },
    listenerCount: () => msg.size + disc.size,
    emit: (m) => {
      for (const cb of [...msg]) cb(m);
    },
    drop: () => {
      for (const cb of [...disc]) cb();
    },
  };
  return port;
}

function harness() {
  const ports: ReturnType<typeof fakePort>[] = [];
  const timers: { cb: () => void; ms: number; cleared: boolean }[] = [];
  const channel = createPortChannelWith(7, {
    connect: (name) => {
      const p = fakePort(name);
      ports.push(p);
      return p;
    },
    setTimer: (cb, ms) => {
      const t = { cb, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimer: (h) => {
      (h as { cleared: boolean }).cleared = true;
    },
  });
  const fire = () => {
    const t = timers.shift();
    if (t && !t.cleared) t.cb();
    return t?.ms;
  };
  return { channel, ports, timers, fire };
}

const snapshot = (seq = 0): PanelEvent => ({
  type: 'snapshot',
  tabId: 7,
  seq,
  records: [],
  preserveLog: false,
});

describe('reconnecting port channel', () => {
  it('connects a port named panel:<tabId> and is connected once the snapshot arrives', () => {
    const { channel, ports } = harness();
    const states: ConnectionState[] = [];
    channel.onState((s) => states.push(s));
    expect(ports[0]?.name).toBe('panel:7');
    ports[0]?.emit(wrap(snapshot()));
    expect(states).toEqual(['connecting', 'connected']);
  });

  it('delivers only valid events of its own tab', () => {
    const { channel, ports } = harness();
    const got: PanelEvent[] = [];
    channel.subscribe((e) => got.push(e));
    ports[0]?.emit({ type: 'snapshot', tabId: 7 }); // not enveloped
    ports[0]?.emit(wrap({ ...snapshot(), tabId: 8 }));
    ports[0]?.emit(wrap({ type: 'clear', tabId: 7 })); // a command, not an event
    ports[0]?.emit(wrap(snapshot(3)));
    expect(got).toEqual([snapshot(3)]);
  });

  it('reconnects with doubling back-off capped by limits, and resets it after a snapshot', () => {
    const { channel, ports, fire } = harness();
    const states: ConnectionState[] = [];
    channel.onState((s) => states.push(s));
    const delays: (number | undefined)[] = [];
    for (let i = 0; i < 8; i++) {
      ports.at(-1)?.drop();
      delays.push(fire());
    }
    expect(delays[0]).toBe(LIMITS.reconnectMinMs);
    expect(delays[1]).toBe(LIMITS.reconnectMinMs * 2);
    expect(Math.max(...delays.map(Number))).toBe(LIMITS.reconnectMaxMs);
    expect(ports).toHaveLength(9);
    ports.at(-1)?.emit(wrap(snapshot()));
    ports.at(-1)?.drop();
    expect(fire()).toBe(LIMITS.reconnectMinMs);
    expect(states).toEqual(['connecting', 'reconnecting', 'connected', 'reconnecting']);
  });

  it('keeps one listener pair per live port across 1000 reconnects and subscriptions', () => {
    const { channel, ports, fire } = harness();
    for (let i = 0; i < 1000; i++) {
      const off = channel.subscribe(() => undefined);
      off();
      ports.at(-1)?.drop();
      fire();
    }
    expect(ports.slice(0, -1).every((p) => p.listenerCount() === 0)).toBe(true);
    expect(ports.at(-1)?.listenerCount()).toBe(2);
  });

  it('sends enveloped commands and drops them while disconnected', () => {
    const { channel, ports } = harness();
    channel.send({ type: 'clear', tabId: 7 });
    expect(ports[0]?.posted).toEqual([wrap({ type: 'clear', tabId: 7 })]);
    ports[0]?.drop();
    channel.send({ type: 'clear', tabId: 7 });
    expect(ports[0]?.posted).toHaveLength(1);
  });

  it('reports incompatible for another protocol version and stops reconnecting', () => {
    const { channel, ports, timers } = harness();
    const states: ConnectionState[] = [];
    channel.onState((s) => states.push(s));
    ports[0]?.emit({ source: 'cors-lens', v: 999, msg: snapshot() });
    ports[0]?.drop();
    expect(states.at(-1)).toBe('incompatible');
    expect(timers).toHaveLength(0);
  });

  it('close disconnects, cancels the pending reconnect and removes every listener', () => {
    const { channel, ports, timers } = harness();
    const got: PanelEvent[] = [];
    channel.subscribe((e) => got.push(e));
    ports[0]?.drop();
    ports.length = 0;
    channel.close();
    expect(timers[0]?.cleared).toBe(true);
    expect(ports).toHaveLength(0);
  });
});
