// The bench's one "has the worker caught up?" wait: what it reads from storage.session is compared every `everyMs`,
// and the wait ends when two reads agree (or `maxMs` passed). DevTools' own frontend and the worker can both be
// seconds behind a burst (docs/architecture.md#floors-and-what-the-profile-found-next), so a phase that measures
// after one must start here.
import { sleep } from '../../src/cli/poll.ts';

export async function untilSteady<T>(
  read: () => Promise<T>,
  same: (a: T, b: T) => boolean,
  everyMs: number,
  maxMs: number,
): Promise<T> {
  let last = await read();
  for (let waited = 0; waited < maxMs; waited += everyMs) {
    await sleep(everyMs);
    const next = await read();
    if (same(next, last)) return next;
    last = next;
  }
  return last;
}
