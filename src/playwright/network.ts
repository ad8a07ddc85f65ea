// The fixture's own "the network is quiet": every request of the test's browser (its pages and their workers), counted
// from the moment the browser starts. Playwright's `networkidle` is a page's load state, reached once per
// navigation: a page that stalls for 500 ms before its calls has reached it for good, and a later wait for it ends at
// once while those calls are still on their way (docs/ci.md#the-playwright-fixture). This count is current whenever
// it is asked.
import type { BrowserContext, Request } from '@playwright/test';
import { sleep } from '../cli/poll.ts';

/** Quiet: nothing in flight, and nothing started or ended for this long (ms), as Playwright's networkidle counts. */
const QUIET_MS = 500;

export interface Network {
  /** Resolves once the browser's network is quiet, or at `deadline` (epoch ms). */
  quiet(deadline: number): Promise<void>;
}

const watched = new WeakMap<BrowserContext, Network>();

/** Starts counting `context`'s requests; the extension's own pages (the fixture reads through one) do not count. */
export function watchNetwork(context: BrowserContext): Network {
  const inFlight = new Set<Request>();
  let last = Date.now();
  const counts = (r: Request): boolean => !r.url().startsWith('chrome-extension:');
  context.on('request', (r) => {
    if (!counts(r)) return;
    inFlight.add(r);
    last = Date.now();
  });
  const ended = (r: Request): void => {
    if (!inFlight.delete(r)) return;
    last = Date.now();
  };
  context.on('requestfinished', ended);
  context.on('requestfailed', ended);
  const network: Network = {
    async quiet(deadline) {
      while (Date.now() < deadline && (inFlight.size > 0 || Date.now() - last < QUIET_MS)) await sleep(50);
    },
  };
  watched.set(context, network);
  return network;
}

/** The count started for `context` by watchNetwork, if any. */
export const networkOf = (context: BrowserContext): Network | undefined => watched.get(context);
