import { describe, expect, it } from 'vitest';
import { wrap, type PanelCommand, type PanelEvent } from '../shared/protocol.ts';
import { createPanelRouter } from './panel-router.ts';
import { fakePort, settle } from './test-support.ts';

const snap = (tabId: number, seq: number): PanelEvent => ({
  type: 'snapshot',
  tabId,
  seq,
  records: [],
  preserveLog: false,
});
const msgs = (p: ReturnType<typeof fakePort>) => p.posted.map((m) => (m as { msg: PanelEvent }).msg);

function setup() {
  let seq = 0;
  const commands: [number, PanelCommand][] = [];
  const router = createPanelRouter({
    snapshot: (tabId) => Promise.resolve(snap(tabId, seq)),
    command: (t, c) => commands.push([t, c]),
  });
  return { router, commands, bump: () => ++seq };
}

describe('panel router', () => {
  it('sends a snapshot on connect and holds deltas until it is out', async () => {
    const { router } = setup();
    const p = fakePort();
    router.connect(p, 4);
    router.publish(4, { type: 'settings', tabId: 4, seq: 1, preserveLog: true }); // before the snapshot: covered by it
    await settle();
    router.publish(4, { type: 'settings', tabId: 4, seq: 2, preserveLog: true });
    expect(msgs(p).map((m) => [m.type, m.seq])).toEqual([
      ['snapshot', 0],
      ['settings', 2],
    ]);
  });

  it('keeps tabs apart', async () => {
    const { router } = setup();
    const [a, b] = [fakePort(), fakePort()];
    router.connect(a, 1);
    router.connect(b, 2);
    await settle();
    router.publish(1, { type: 'reset', tabId: 1, seq: 1, reason: 'cleared' });
    expect(msgs(a).map((m) => m.type)).toEqual(['snapshot', 'reset']);
    expect(msgs(b).map((m) => m.type)).toEqual(['snapshot']);
  });

  it('answers snapshot requests and forwards only its own tab’s commands', async () => {
    const { router, commands } = setup();
    const p = fakePort();
    router.connect(p, 3);
    await settle();
    p.emit(wrap({ type: 'snapshot', tabId: 3 }));
    p.emit(wrap({ type: 'clear', tabId: 3 }));
    p.emit(wrap({ type: 'clear', tabId: 9 })); // another tab: refused
    p.emit({ type: 'clear', tabId: 3 }); // not enveloped: refused
    p.emit(wrap({ type: 'record', tabId: 3, seq: 1, record: {} as never })); // an event is no command
    await settle();
    expect(msgs(p).filter((m) => m.type === 'snapshot')).toHaveLength(2);
    expect(commands).toEqual([[3, { type: 'clear', tabId: 3 }]]);
  });

  it('leaves no listener behind after 1000 connects and disconnects', async () => {
    const { router } = setup();
    const ports = Array.from({ length: 1000 }, () => fakePort());
    for (const p of ports) {
      router.connect(p, 1);
      p.drop();
    }
    await settle();
    expect(ports.every((p) => p.listeners() === 0)).toBe(true);
    expect(ports.every((p) => p.posted.length === 0)).toBe(true); // a snapshot for a gone port is not sent
    expect(router.panelCount(1)).toBe(0);
    const live = fakePort();
    router.connect(live, 1);
    expect(live.listeners()).toBe(2);
    expect(router.panelCount(1)).toBe(1);
  });
});
