// Exchanges leave the devtools page in batches. DevTools reports each network entry as a task of its own, and one
// port message per exchange cost the devtools page more than all the rest of recording
// (docs/architecture.md#capture-overhead). So while a batch waits for the worker's word that it is stored, what
// follows waits with it, and goes as one message when that word comes; a failure goes at once (someone is looking
// at it), taking what waited with it, in order. The batch leaves at the end of the task, on a MessageChannel task:
// unlike a timer, that is not throttled in the hidden devtools page. A timer (about a second there) is the backstop
// should the word never come.
export function coalesce<T>(opts: {
  hand: (items: T[]) => void;
  /** Must go now, without waiting for the batch in flight. */
  urgent: (x: T) => boolean;
  /** Whether a batch is in flight (sent, not yet said to be stored). */
  waiting: () => boolean;
  setTimer?: (cb: () => void, ms: number) => void;
  /** Runs `cb` at the end of the task (tests pass their own). */
  atTaskEnd?: (cb: () => void) => void;
}) {
  let items: T[] = [];
  let ticking = false;
  let backstop = false;
  const now = (): void => {
    if (!items.length) return;
    const out = items;
    items = [];
    opts.hand(out);
  };
  const atTaskEnd = opts.atTaskEnd ?? onMessageChannel();
  const soon = (): void => {
    if (ticking) return;
    ticking = true;
    atTaskEnd(() => {
      ticking = false;
      now();
    });
  };
  const setTimer = opts.setTimer ?? ((cb, ms) => setTimeout(cb, ms));
  return {
    push(x: T): void {
      items.push(x);
      if (opts.urgent(x) || !opts.waiting()) soon();
      else if (!backstop) {
        backstop = true;
        setTimer(() => {
          backstop = false;
          now();
        }, 1_000);
      }
    },
    /** The batch in flight is stored: what waited for it goes (at the end of this task). */
    released(): void {
      if (items.length && !opts.waiting()) soon();
    },
    /** Hands over what is pending now (before a message that must not overtake it). */
    now,
  };
}

function onMessageChannel(): (cb: () => void) => void {
  const tick = new MessageChannel();
  let pending: (() => void)[] = [];
  tick.port1.onmessage = () => {
    const run = pending;
    pending = [];
    for (const cb of run) cb();
  };
  return (cb) => {
    pending.push(cb);
    tick.port2.postMessage(null);
  };
}
