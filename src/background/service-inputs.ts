// What the service worker is told about the network and the page: capture events (webRequest), DevTools
// exchanges, DevTools annotations, page errors and Chrome's verdicts. Each lands in the tab's store once the state
// is loaded (service-state.ts).
import type { DevtoolsExchange, NetworkAnnotation } from '../shared/protocol.ts';
import { LIMITS } from '../shared/limits.ts';
import type { ChromeVerdict } from './precise.ts';
import { annotateNetwork, claimVerdict, touchesUrl } from './annotate.ts';
import { annotatePageError, claimPendingPageError, settlePageErrors } from './page-errors.ts';
import type { ValidPageError } from './page-input.ts';
import { applyCapture, recordId, type CaptureEvent } from './tab-store.ts';
import {
  devtoolsRequestId,
  exchangeAnnotations,
  exchangeEvents,
  amendPreflight,
  inherit,
  needsReread,
  takeForReplay,
} from './devtools-capture.ts';
import type { ServiceState } from './service-state.ts';

export function createServiceInputs(s: ServiceState) {
  const { withState, tabOf, extrasOf, commit } = s;

  const capture = (
    ev: CaptureEvent & { sameOrigin: boolean },
    source: 'webRequest' | 'devtools' = 'webRequest',
  ): void => {
    withState(() => {
      // webRequest events only count in "Record all tabs" mode: otherwise DevTools' log is the source, and
      // webRequest (granted this session, so not yet in effect) would only double it.
      if (source === 'webRequest' ? s.allTabs() !== 'on' : s.allTabs() === 'on') return;
      if (!s.recorded(ev.tabId)) return;
      const tab = tabOf(ev.tabId);
      if (ev.sameOrigin && !tab.records.has(recordId(ev.requestId))) return;
      const effect = applyCapture(tab, ev.kind === 'headers' ? { ...ev, receivedAt: s.deps.now() } : ev);
      const rec = effect.changed[0];
      if (ev.kind === 'failed' && rec) {
        const x = extrasOf(tab.tabId);
        x.failedAt.set(rec.id, ev.at);
        claimPendingPageError(rec, ev.at, x.pendingErrors);
        claimVerdict(rec, x.pendingVerdicts);
      }
      commit(tab, effect);
      if (ev.kind === 'headers') s.armSettle(tab);
    });
  };

  const annotate = (tabId: number, ann: NetworkAnnotation): void => {
    withState(() => {
      const tab = s.tabs()?.get(tabId);
      if (tab) commit(tab, annotateNetwork(tab, ann));
    });
  };

  return {
    capture,
    annotate,

    /** A finished exchange from DevTools' network log: the record itself, or annotations in "Record all tabs"
     * mode. Idempotent: the devtools page re-sends recent ones after a reconnect, and more complete ones. */
    exchange(tabId: number, x: DevtoolsExchange): void {
      withState(() => {
        if (s.allTabs() === 'on') {
          for (const ann of exchangeAnnotations(x)) annotate(tabId, ann);
          return;
        }
        const tab = tabOf(tabId);
        const owner = amendPreflight(tab, x);
        if (owner) commit(tab, { changed: [owner], evicted: [] });
        const old = takeForReplay(tab, x);
        if (old === 'skip') return;
        for (const ev of exchangeEvents(x)) capture(ev, 'devtools');
        const id = recordId(devtoolsRequestId(x));
        const rec = tab.records.get(id) ?? tab.inFlight.get(id);
        if (rec && x.kind !== 'preflight') {
          if (old !== 'apply') inherit(rec, old);
          rec.callSite ??= x.callSite;
          rec.observed.kind = x.kind;
          commit(tab, { changed: [rec], evicted: [] });
        }
        if (needsReread(rec, x)) s.rereads.add(tabId, x.id);
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
        commit(tab, annotatePageError(tab, x.failedAt, report, x.pendingErrors));
        if (x.pendingErrors.length)
          s.deps.setTimer(() => {
            withState(() => {
              commit(tab, settlePageErrors(tab, x.failedAt, x.pendingErrors, s.deps.now()));
            });
          }, LIMITS.pageErrorSettleMs);
      });
    },

    /** Chrome's own verdict (precise mode) for a failure of the tab; kept briefly if the failure is still to come. */
    verdict(tabId: number, v: ChromeVerdict): void {
      withState(() => {
        const tab = s.tabs()?.get(tabId);
        if (!tab) return;
        const rec = [...tab.recent]
          .reverse()
          .map((id) => tab.records.get(id))
          .find((r) => r && !r.observed.chromeVerdict && touchesUrl(r, v.url));
        if (rec) {
          rec.observed.chromeVerdict = { corsError: v.corsError, failedParameter: v.failedParameter };
          commit(tab, { changed: [rec], evicted: [] });
        } else {
          const pending = extrasOf(tabId).pendingVerdicts;
          pending.push(v);
          if (pending.length > LIMITS.pendingPageErrors) pending.shift();
        }
      });
    },
  };
}
