// What the service worker is told about the network and the page: webRequest events (assembled into exchanges),
// DevTools' exchanges, page errors and Chrome's verdicts. Exchanges of both sources go through the tab store's one
// merge point (`upsert`); page errors and verdicts annotate the records it made. Each lands once the state is
// loaded (service-state.ts).
import type { CapturedExchange, CaptureSource } from '../shared/exchange.ts';
import type { ExchangeRecord } from '../shared/model.ts';
import { unpack, type DevtoolsExchange } from '../shared/protocol.ts';
import { LIMITS } from '../shared/limits.ts';
import type { ChromeVerdict } from './precise.ts';
import { annotatePageError, claimPendingPageError, settlePageErrors } from './page-errors.ts';
import type { ValidPageError } from './page-input.ts';
import { newestFirst, touchesUrl, upsert } from './tab-store.ts';
import { fromDevtools } from './headers.ts';
import { judgeByEngine } from './firefox-judge.ts';
import { createWebRequestAssembler, type CaptureEvent } from './web-request-exchanges.ts';
import type { ServiceState } from './service-state.ts';

/** A failure DevTools may have completed late: no response, a redirect whose target got none, or a preflight
 * without its response. */
const mayBeLate = (r: ExchangeRecord): boolean => {
  const o = r.observed;
  const last = o.hops.at(-1);
  return (
    o.netError !== null && (!last || (last.status >= 300 && last.status < 400) || o.preflight?.status === 0)
  );
};

export function createServiceInputs(s: ServiceState) {
  const { withState, tabOf, extrasOf, commit } = s;

  /** Chrome's verdict (precise mode) that arrived before its failure. */
  const claimVerdict = (rec: ExchangeRecord, pending: ChromeVerdict[]): void => {
    const i = pending.findIndex((v) => touchesUrl(rec, v.url));
    const v = pending[i];
    if (!v || rec.observed.chromeVerdict || rec.observed.netError === null) return;
    rec.observed.chromeVerdict = { corsError: v.corsError, failedParameter: v.failedParameter };
    pending.splice(i, 1);
  };

  /** The one entry for exchanges, whichever source; returns the records it changed. A shared or service worker's
   * exchange (webRequest gives it no tab) enters each recorded tab of its origin (web-request-owners.ts). */
  const take = (x: CapturedExchange, source: CaptureSource): ExchangeRecord[] => {
    if (x.tabId < 0)
      return (s.deps.ownersOf?.(x.pageOrigin) ?? []).flatMap((tabId) => take({ ...x, tabId }, source));
    if (!s.recorded(x.tabId)) return [];
    const tab = tabOf(x.tabId);
    const effect = upsert(tab, x, source);
    for (const rec of effect.changed) {
      if (rec.observed.netError === null) continue;
      const extras = extrasOf(tab.tabId);
      claimPendingPageError(rec, rec.endedAt ?? rec.startedAt, extras.pendingErrors);
      claimVerdict(rec, extras.pendingVerdicts);
    }
    commit(tab, effect);
    return effect.changed;
  };

  const judge = s.deps.webRequest?.completesBlockedResponses === true;
  const assembler = createWebRequestAssembler({
    preflightAfterRequest: s.deps.webRequest?.preflightAfterRequest === true,
    now: () => s.deps.now(),
    setTimer: (cb, ms) => {
      s.deps.setTimer(cb, ms);
    },
    emit: (x) => {
      withState(() => {
        take(judge ? judgeByEngine(x) : x, 'webRequest');
      });
    },
  });

  return {
    /** A webRequest event. It only counts in "Record all tabs" mode: otherwise DevTools' log is the source, and
     * webRequest (granted this session, so not yet in effect) would only double it. */
    capture(ev: CaptureEvent & { sameOrigin: boolean }): void {
      withState(() => {
        if (s.allTabs() === 'on' && s.recorded(ev.tabId)) assembler.apply(ev, ev.sameOrigin);
      });
    },

    /** Finished exchanges from DevTools' network log, in order (re-sent, more complete or after a reconnect:
     * idempotent). `stored` runs once, when what they changed is in storage.session (protocol.ts Stored). */
    exchange(tabId: number, m: DevtoolsExchange, stored: () => void = () => undefined): void {
      withState(() => {
        for (const wire of m.exchanges) {
          const x = fromDevtools({ ...unpack(wire), tabId });
          if (take(x, 'devtools').some(mayBeLate)) s.rereads.add(tabId, x.key);
        }
        // After the outbox's own microtask, which hands the changed records to persistence.
        queueMicrotask(() => void s.deps.persistence.flush().then(stored));
      });
    },

    pageError(tabId: number, frameId: number, pe: ValidPageError): void {
      const now = s.deps.now();
      // The relay's clock when it is plausible (the page's process could be stalled, or lying): else arrival.
      const at = pe.at !== null && Math.abs(pe.at - now) <= LIMITS.pageErrorWindowMs ? pe.at : now;
      withState(() => {
        if (!s.recorded(tabId)) return;
        const tab = tabOf(tabId);
        const x = extrasOf(tabId);
        const report = { frameId, url: pe.url, at, arrivedAt: now, error: pe.error };
        commit(tab, annotatePageError(tab, report, x.pendingErrors));
        if (x.pendingErrors.length)
          s.deps.setTimer(() => {
            withState(() => {
              commit(tab, settlePageErrors(tab, x.pendingErrors, s.deps.now()));
            });
          }, LIMITS.pageErrorSettleMs);
      });
    },

    /** Chrome's own verdict (precise mode) for a failure of the tab; kept briefly if the failure is still to come. */
    verdict(tabId: number, v: ChromeVerdict): void {
      withState(() => {
        // A tab with no record yet keeps it too: its first failures may all be on their way.
        if (!s.recorded(tabId)) return;
        const tab = tabOf(tabId);
        for (const rec of newestFirst(tab)) {
          if (rec.observed.netError === null || rec.observed.chromeVerdict || !touchesUrl(rec, v.url))
            continue;
          rec.observed.chromeVerdict = { corsError: v.corsError, failedParameter: v.failedParameter };
          commit(tab, { changed: [rec], evicted: [] });
          return;
        }
        const pending = extrasOf(tabId).pendingVerdicts;
        pending.push({ ...v, arrivedAt: s.deps.now() });
        if (pending.length > LIMITS.pendingVerdicts) pending.shift();
      });
    },
  };
}
