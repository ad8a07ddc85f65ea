// The panel's copy of the tab's records, kept in step with the service worker: a snapshot replaces everything,
// 'record' deltas upsert, 'reset' empties. A sequence gap asks for one new snapshot (one request in flight).
// Deltas are coalesced per microtask so 10 000 streamed records cause a handful of renders, not 10 000.
import { signal, type ReadonlySignal } from '@preact/signals';
import type { PanelChannel } from '../../src/shared/channel.ts';
import type { ExchangeRecord } from '../../src/shared/model.ts';
import { assertNever, type PanelEvent } from '../../src/shared/protocol.ts';
import { LIMITS } from '../../src/shared/limits.ts';

export interface RecordBook {
  readonly records: ReadonlySignal<readonly ExchangeRecord[]>;
  apply(e: PanelEvent): void;
  clearLocal(): void;
  dispose(): void;
}

/** Records published per task while a large snapshot is applied. */
export const SNAPSHOT_SLICE = 1000;

export function createRecordBook(channel: PanelChannel, tabId: number): RecordBook {
  const records = signal<readonly ExchangeRecord[]>([]);
  const byId = new Map<string, ExchangeRecord>();
  // Allowed exchanges (no error) stream in far more often than failures: the worker's ring for them is mirrored
  // here, oldest first, so an app polling its API cannot grow the panel without bound between snapshots.
  const allowed = new Set<string>();
  // And its ring of failures (LIMITS.recordsPerTab), so the panel holds what a restarted worker gives back.
  const failed = new Set<string>();
  const put = (r: ExchangeRecord): void => {
    byId.set(r.id, r);
    if (!r.done || r.observed.netError !== null) {
      allowed.delete(r.id);
      failed.add(r.id);
      for (const oldest of failed) {
        if (failed.size <= LIMITS.recordsPerTab) break;
        failed.delete(oldest);
        byId.delete(oldest);
      }
      return;
    }
    failed.delete(r.id);
    allowed.add(r.id);
    for (const oldest of allowed) {
      if (allowed.size <= LIMITS.allowedPerTab) break;
      allowed.delete(oldest);
      byId.delete(oldest);
    }
  };
  let seq: number | null = null;
  let awaitingSnapshot = false;
  let flushQueued = false;
  let disposed = false;

  // A large snapshot is published in slices, one per task, so the first rows paint after one slice's worth of
  // diagnoses instead of after all 10 000; the rest append below without moving them.
  let published = Infinity;
  const flush = (): void => {
    flushQueued = false;
    if (disposed) return;
    const all = [...byId.values()];
    if (all.length <= published) {
      published = Infinity;
      records.value = all;
      return;
    }
    records.value = all.slice(0, published);
    published += SNAPSHOT_SLICE;
    setTimeout(scheduleFlush, 0);
  };
  const scheduleFlush = (): void => {
    if (flushQueued) return;
    flushQueued = true;
    queueMicrotask(flush);
  };
  const requestSnapshot = (): void => {
    if (awaitingSnapshot) return;
    awaitingSnapshot = true;
    channel.send({ type: 'snapshot', tabId });
  };

  const apply = (e: PanelEvent): void => {
    if (e.type === 'snapshot') {
      byId.clear();
      allowed.clear();
      failed.clear();
      for (const r of e.records) put(r);
      seq = e.seq;
      awaitingSnapshot = false;
      published = SNAPSHOT_SLICE;
      scheduleFlush();
      return;
    }
    // Deltas before the first snapshot, or after a gap, cannot be trusted: wait for the snapshot.
    if (seq === null || e.seq !== seq + 1) {
      if (seq !== null && e.seq <= seq) return; // a duplicate or stale delta
      requestSnapshot();
      return;
    }
    seq = e.seq;
    switch (e.type) {
      case 'record':
        put(e.record);
        break;
      case 'reset':
        byId.clear();
        allowed.clear();
        failed.clear();
        break;
      case 'settings':
        return;
      default:
        assertNever(e);
    }
    scheduleFlush();
  };

  return {
    records,
    apply,
    clearLocal: () => {
      byId.clear();
      allowed.clear();
      failed.clear();
      published = Infinity;
      records.value = [];
    },
    dispose: () => {
      disposed = true;
    },
  };
}
