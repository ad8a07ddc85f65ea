import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce.ts';

function make() {
  const batches: number[][] = [];
  const timers: (() => void)[] = [];
  const ticks: (() => void)[] = [];
  let inFlight = 0;
  const c = coalesce<number>({
    hand: (xs) => {
      batches.push(xs);
      inFlight++;
    },
    urgent: (x) => x < 0, // a failure, here
    waiting: () => inFlight > 0,
    setTimer: (cb) => timers.push(cb),
    atTaskEnd: (cb) => ticks.push(cb),
  });
  /** The end of the task: what was scheduled for it runs. */
  const nextTask = () => {
    for (const cb of ticks.splice(0)) cb();
  };
  const stored = () => {
    inFlight = 0;
    c.released();
  };
  return { c, batches, timers, stored, nextTask };
}

describe('coalesce', () => {
  it('sends what one task pushed as one batch; later ones wait for it to be stored, then go together', () => {
    const { c, batches, stored, nextTask } = make();
    c.push(1);
    c.push(2);
    expect(batches).toEqual([]);
    nextTask();
    expect(batches).toEqual([[1, 2]]);
    c.push(3);
    nextTask();
    c.push(4);
    nextTask();
    expect(batches).toEqual([[1, 2]]);
    stored();
    nextTask();
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('a failure does not wait, and takes what waited with it, in order', () => {
    const { c, batches, nextTask } = make();
    c.push(1);
    nextTask();
    c.push(2);
    c.push(-3);
    nextTask();
    expect(batches).toEqual([[1], [2, -3]]);
  });

  it('a timer is the backstop if the word that the batch is stored never comes', () => {
    const { c, batches, timers, nextTask } = make();
    c.push(1);
    nextTask();
    c.push(2);
    c.push(3);
    expect(timers).toHaveLength(1);
    timers.shift()?.();
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('sends at once when asked (before a message that must not overtake the batch), and not twice', () => {
    const { c, batches, nextTask } = make();
    c.push(1);
    c.now();
    expect(batches).toEqual([[1]]);
    nextTask();
    expect(batches).toEqual([[1]]);
  });
});

describe('coalesce on a real MessageChannel', () => {
  it('hands over a task’s pushes together once the task ends', async () => {
    const got = new Promise<number[]>((resolve) => {
      const c = coalesce<number>({ hand: resolve, urgent: () => false, waiting: () => false });
      c.push(1);
      c.push(2);
    });
    expect(await got).toEqual([1, 2]);
  });
});
