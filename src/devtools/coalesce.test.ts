import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce.ts';

const nextTask = () => new Promise((r) => setTimeout(r, 0));

function make() {
  const batches: number[][] = [];
  const timers: (() => void)[] = [];
  let inFlight = 0;
  const c = coalesce<number>({
    hand: (xs) => {
      batches.push(xs);
      inFlight++;
    },
    urgent: (x) => x < 0, // a failure, here
    waiting: () => inFlight > 0,
    setTimer: (cb) => timers.push(cb),
  });
  const stored = () => {
    inFlight = 0;
    c.released();
  };
  return { c, batches, timers, stored };
}

describe('coalesce', () => {
  it('sends what one task pushed as one batch; later ones wait for it to be stored, then go together', async () => {
    const { c, batches, stored } = make();
    c.push(1);
    c.push(2);
    expect(batches).toEqual([]);
    await nextTask();
    expect(batches).toEqual([[1, 2]]);
    c.push(3);
    await nextTask();
    c.push(4);
    await nextTask();
    expect(batches).toEqual([[1, 2]]);
    stored();
    await nextTask();
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('a failure does not wait, and takes what waited with it, in order', async () => {
    const { c, batches } = make();
    c.push(1);
    await nextTask();
    c.push(2);
    c.push(-3);
    await nextTask();
    expect(batches).toEqual([[1], [2, -3]]);
  });

  it('a timer is the backstop if the word that the batch is stored never comes', async () => {
    const { c, batches, timers } = make();
    c.push(1);
    await nextTask();
    c.push(2);
    c.push(3);
    expect(timers).toHaveLength(1);
    timers.shift()?.();
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('sends at once when asked (before a message that must not overtake the batch), and not twice', async () => {
    const { c, batches } = make();
    c.push(1);
    c.now();
    expect(batches).toEqual([[1]]);
    await nextTask();
    expect(batches).toEqual([[1]]);
  });
});
