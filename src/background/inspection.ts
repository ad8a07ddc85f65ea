// Which tabs are being recorded: those with DevTools open (the devtools page holds a `devtools:<tabId>` port)
// or a panel connected. Recording only inspected tabs is what keeps every other tab at zero cost
// (redux-devtools#1735). A worker restart drops all ports, so the set is persisted and, after a restart, a tab
// stays recorded for a grace period while its devtools page reconnects; tabs whose DevTools closed meanwhile
// then fall out.
import { LIMITS } from '../shared/limits.ts';

export interface InspectionDeps {
  onChange(tabIds: number[]): void;
  setTimer(cb: () => void, ms: number): void;
}

export interface Inspection {
  has(tabId: number): boolean;
  /** One more port for the tab; returns its (idempotent) release. */
  acquire(tabId: number): () => void;
  /** The set saved by the previous worker instance. */
  restore(tabIds: readonly number[]): void;
  forget(tabId: number): void;
  ids(): number[];
}

export function createInspection(deps: InspectionDeps): Inspection {
  const live = new Map<number, number>();
  let restored = new Set<number>();
  const ids = (): number[] => [...new Set([...live.keys(), ...restored])];
  const changed = (): void => {
    deps.onChange(ids());
  };

  return {
    has: (tabId) => live.has(tabId) || restored.has(tabId),
    acquire(tabId) {
      const isNew = !live.has(tabId) && !restored.has(tabId);
      live.set(tabId, (live.get(tabId) ?? 0) + 1);
      restored.delete(tabId);
      if (isNew) changed();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const n = (live.get(tabId) ?? 1) - 1;
        if (n > 0) live.set(tabId, n);
        else {
          live.delete(tabId);
          changed();
        }
      };
    },
    restore(tabIds) {
      restored = new Set(tabIds.filter((t) => !live.has(t)));
      if (restored.size)
        deps.setTimer(() => {
          restored.clear();
          changed();
        }, LIMITS.inspectReconnectGraceMs);
      changed();
    },
    forget(tabId) {
      const had = live.delete(tabId) || restored.delete(tabId);
      if (had) changed();
    },
    ids,
  };
}
