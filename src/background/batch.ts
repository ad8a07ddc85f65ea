// Collects ids per tab and hands them over in one batch after a delay: one timer for any number of them.
export function createBatch(
  setTimer: (cb: () => void, ms: number) => void,
  delayMs: number,
  flush: (tabId: number, ids: string[]) => void,
) {
  const pending = new Map<number, string[]>();
  return {
    add(tabId: number, id: string): void {
      const ids = pending.get(tabId);
      if (ids) {
        ids.push(id);
        return;
      }
      pending.set(tabId, [id]);
      if (pending.size > 1) return;
      setTimer(() => {
        const all = [...pending];
        pending.clear();
        for (const [t, xs] of all) flush(t, xs);
      }, delayMs);
    },
  };
}
