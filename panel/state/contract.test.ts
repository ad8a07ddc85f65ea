// Contract: the panel store over the real reconnecting port channel (src/platform/reconnecting-channel.ts) with a
// fake runtime port, playing the service worker's side of the protocol: snapshot on connect, deltas, a restart.
import { describe, expect, it } from 'vitest';
import { createPortChannelWith, type PortLike } from '../../src/platform/reconnecting-channel.ts';
import { wrap, type PanelEvent } from '../../src/shared/protocol.ts';
import { createPanelStore } from './store.ts';
import { fakeDeps, flush, rec, snapshot } from '../test-support.ts';

function worker() {
  const ports: { posted: unknown[]; message: Set<(m: unknown) => void>; disconnect: Set<() => void> }[] = [];
  const timers: (() => void)[] = [];
  const connect = (): PortLike => {
    const p = {
      posted: [] as unknown[],
      message: new Set<(m: unknown) => void>(),
      disconnect: new Set<() => void>(),
    };
    ports.push(p);
    return {
      postMessage: (m) => p.posted.push(m),
      disconnect: () => undefined,
      onMessage: { addListener: (cb) => p.message.add(cb), removeListener: (cb) => p.message.delete(cb) },
      onDisconnect: {
        addListener: (cb) => p.disconnect.add(cb),
        removeListener: (cb) => p.disconnect.delete(cb),
      },
    };
  };
  const current = () => {
    const p = ports[ports.length - 1];
    if (!p) throw new Error('not connected');
    return p;
  };
  return {
    ports,
    deps: { connect, setTimer: (cb: () => void) => timers.push(cb), clearTimer: () => undefined },
    push: (e: PanelEvent) => {
      for (const cb of [...current().message]) cb(wrap(e));
    },
    /** The service worker stops: the port disconnects. */
    stop: () => {
      for (const cb of [...current().disconnect]) cb();
    },
    runTimers: () => {
      for (const t of timers.splice(0)) t();
    },
  };
}

describe('panel store ⇄ reconnecting port channel', () => {
  it('shows the snapshot, applies deltas, and replaces its state from the new snapshot after a worker restart', async () => {
    const sw = worker();
    const store = createPanelStore(createPortChannelWith(7, sw.deps), 7, fakeDeps());
    expect(store.connection.value).toBe('connecting');
    sw.push(snapshot([rec('1', 'GET /a')], 10));
    sw.push({ type: 'record', tabId: 7, seq: 11, record: rec('2', 'GET /b') });
    await flush();
    expect(store.connection.value).toBe('connected');
    expect(store.visible.value).toHaveLength(2);

    sw.stop();
    expect(store.connection.value).toBe('reconnecting');
    sw.runTimers();
    expect(sw.ports).toHaveLength(2);
    // A fresh worker restarts its sequence; its snapshot (rehydrated from storage.session) is the truth.
    sw.push(snapshot([rec('2', 'GET /b'), rec('3', 'GET /c')], 1));
    sw.push({ type: 'record', tabId: 7, seq: 2, record: rec('4', 'GET /d') });
    await flush();
    expect(store.connection.value).toBe('connected');
    expect(store.records.value.map((r) => r.id)).toEqual(['2', '3', '4']);
  });

  it('asks the worker for a snapshot over the port on a sequence gap, and keeps one listener per port', async () => {
    const sw = worker();
    createPanelStore(createPortChannelWith(7, sw.deps), 7, fakeDeps());
    sw.push(snapshot([], 1));
    for (let i = 0; i < 1000; i++)
      sw.push({ type: 'record', tabId: 7, seq: i + 2, record: rec(String(i), `GET /r/${i}`) });
    sw.push({ type: 'record', tabId: 7, seq: 5000, record: rec('x', 'GET /gap') });
    await flush();
    const port = sw.ports[0];
    expect(port?.posted).toEqual([wrap({ type: 'snapshot', tabId: 7 })]);
    expect(port?.message.size).toBe(1);
    expect(port?.disconnect.size).toBe(1);
  });
});
