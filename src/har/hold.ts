// Firefox's HAR lists some entries before what completes them (measured, docs/har.md); the assembler, like live
// capture, wants them after. This buffer holds such entries of a file that does not mark failures, and lets them go
// in once what they wait for went in, or once it can no longer come:
// - a request its preflight stopped (no response), listed before that preflight with time 0: it goes in after the
//   preflight, ending when the preflight did, which is when the browser failed it;
// - a redirect (3xx): it goes in when the next hop of its chain is listed. A redirect the browser did not follow
//   (it failed the CORS check, or its Location is one no browser fetches for a CORS request) has no next hop: it
//   goes in as the chain's last response, and the engine judges it.
// "Can no longer come": the file has gone on for longer than the link window (LIMITS.preflightLinkWindowMs, in the
// file's own time: the next hop and the preflight follow within milliseconds), or it has ended.
import type { HarEntryLike } from '../devtools/har-entry.ts';
import { LIMITS } from '../shared/limits.ts';

/** Entries held at most; beyond, the oldest goes in as it is. */
const HELD_MAX = 32;

interface Held {
  entry: HarEntryLike;
  page: string | undefined;
  /** A redirect's next URL (absolute); undefined for a request waiting for its preflight. */
  next: string | undefined;
}

const absolute = (url: string, base: string): string | undefined => {
  try {
    return new URL(url, base).href;
  } catch {
    return undefined;
  }
};

const startOf = (e: HarEntryLike): number => Date.parse(e.startedDateTime);
const endOf = (e: HarEntryLike): number => startOf(e) + Math.max(0, e.time ?? 0);

/** The redirect as its chain's last response: the assembler then waits for no next hop. */
const ended = (e: HarEntryLike): HarEntryLike => ({ ...e, response: { ...e.response, redirectURL: '' } });

export function createHold(add: (entry: HarEntryLike, page: string | undefined) => void) {
  const held: Held[] = [];
  const release = (i: number, last: boolean): void => {
    const [h] = held.splice(i, 1);
    if (h) add(last && h.next !== undefined ? ended(h.entry) : h.entry, h.page);
  };

  return {
    /** Before `entry` goes in (or is held): what it continues goes first, and what waited too long. */
    before(entry: HarEntryLike): void {
      const url = absolute(entry.request.url, entry.request.url);
      const i = held.findIndex((h) => h.next !== undefined && h.next === url);
      if (i >= 0) release(i, false);
      const now = startOf(entry);
      while (held[0] && now - startOf(held[0].entry) > LIMITS.preflightLinkWindowMs) release(0, true);
    },
    /** Holds an entry of an unmarked file that waits for something listed later; false when it need not wait. */
    hold(entry: HarEntryLike, page: string | undefined): boolean {
      const { status, redirectURL } = entry.response;
      // A preflight is never followed: a redirected one failed (the assembler takes it as it is).
      const redirect = status >= 300 && status < 400 && redirectURL && entry._resourceType !== 'preflight';
      const next = redirect ? absolute(redirectURL, entry.request.url) : undefined;
      if (next === undefined && !(entry._resourceType === 'fetch' && status === 0)) return false;
      held.push({ entry, page, next });
      if (held.length > HELD_MAX) release(0, false);
      return true;
    },
    /** A preflight went in: the request it stopped goes in after it, ending when it did. */
    preflight(pf: HarEntryLike): void {
      const forMethod = pf.request.headers?.find((h) =>
        /^access-control-request-method$/i.test(h.name),
      )?.value;
      const i = held.findIndex(
        (h) =>
          h.next === undefined &&
          h.entry.request.url === pf.request.url &&
          h.entry.request.method === forMethod,
      );
      const h = held[i];
      if (!h) return;
      held[i] = {
        ...h,
        entry: { ...h.entry, time: Math.max(h.entry.time ?? 0, endOf(pf) - startOf(h.entry)) },
      };
      release(i, false);
    },
    /** The file ended: nothing more can come. */
    flush(): void {
      while (held.length > 0) release(0, true);
    },
  };
}
