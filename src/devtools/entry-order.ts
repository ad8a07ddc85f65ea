// Puts DevTools' finished entries back in an order the assembler can use. Two measured reasons (Chromium 156):
// - onRequestFinished builds each HAR entry asynchronously, so entries that finish within a few ms of each other
//   can arrive swapped: a redirect's target before its 3xx, a request before its preflight. Entries are held for
//   a short window and released preflights first, then by start time.
// - DevTools can finish a failed request before it attached the response: for a CORS failure the status and
//   headers come only in Network.responseReceivedExtraInfo, which may arrive after Network.loadingFailed. In a
//   burst of 500 failing fetches about 1 % of entries said status 0 with no headers while getHAR() moments later
//   had the response. A failure that looks unanswered is read again from getHAR() (one call per batch); one that
//   really got no answer (its preflight failed, the server is down) just arrives that much later.
import { LIMITS } from '../shared/limits.ts';
import type { HarEntryLike } from './har-exchanges.ts';

export interface EntryOrderDeps {
  getHar(): Promise<HarEntryLike[]>;
  setTimer(cb: () => void, ms: number): void;
  emit(e: HarEntryLike): void;
}

const unanswered = (e: HarEntryLike): boolean =>
  e._resourceType !== 'preflight' && e.response.status === 0 && Boolean(e.response._error);

const sameRequest = (a: HarEntryLike, b: HarEntryLike): boolean =>
  a.startedDateTime === b.startedDateTime &&
  a.request.url === b.request.url &&
  a.request.method === b.request.method;

const rank = (e: HarEntryLike): number => (e._resourceType === 'preflight' ? 0 : 1);
const byOrder = (a: HarEntryLike, b: HarEntryLike): number =>
  rank(a) - rank(b) || Date.parse(a.startedDateTime) - Date.parse(b.startedDateTime);

export function createEntryOrder(deps: EntryOrderDeps): (e: HarEntryLike) => void {
  let held: HarEntryLike[] = [];
  let armed = false;

  const reread = async (batch: HarEntryLike[]): Promise<void> => {
    const har = await deps.getHar().catch(() => [] as HarEntryLike[]);
    for (const e of batch) {
      let fresh: HarEntryLike | undefined;
      // The entry is among the newest: search from the end.
      for (let i = har.length - 1; i >= 0 && !fresh; i--) {
        const h = har[i] as HarEntryLike;
        if (sameRequest(h, e)) fresh = h;
      }
      deps.emit(fresh ?? e);
    }
  };

  const release = (): void => {
    const batch = held.sort(byOrder);
    held = [];
    armed = false;
    const late = batch.filter(unanswered);
    for (const e of batch) if (!unanswered(e)) deps.emit(e);
    if (late.length)
      deps.setTimer(() => {
        void reread(late);
      }, LIMITS.lateResponseMs);
  };

  return (e) => {
    held.push(e);
    if (armed) return;
    armed = true;
    deps.setTimer(release, LIMITS.entryReorderMs);
  };
}
