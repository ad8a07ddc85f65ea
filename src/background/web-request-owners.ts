// Which tabs a webRequest event without a tab belongs to. Chrome gives the requests of a shared worker and of a
// service worker tabId -1 and frameId -1, no documentId, and as `initiator` the worker's origin: nothing else names
// the page that owns the worker (measured, docs/destinations.md#workers-without-a-tab). So the one rule is by origin:
// such a request belongs to every recorded tab whose page (its top-level document) has the request's initiator as
// its origin, as chrome.tabs reports it ("Record all tabs" holds <all_urls>, so tab URLs are visible). Chrome names
// no tab, so the record says it was attributed by origin (model.ts byOrigin) rather than pretending to know which.
import { urlOrigin } from '../shared/origin.ts';

/** Whether a webRequest event has no tab and no frame: a shared or service worker's request (or the browser's own,
 * which has no initiator and is dropped as before). */
export const isTabless = (d: { tabId: number; frameId: number }): boolean =>
  d.tabId === -1 && d.frameId === -1;

export function createTabOrigins() {
  const origins = new Map<number, string>();
  const set = (tabId: number, url: string | undefined): void => {
    // Not http(s) (about:blank, data:, the browser's own pages): no worker of a web origin belongs to it.
    const o = urlOrigin(url);
    if (o === undefined) origins.delete(tabId);
    else origins.set(tabId, o);
  };
  return {
    /** A tab's URL changed (tabs.onUpdated) or was read (tabs.query). */
    set,
    /** Every open tab, when the worker starts. */
    seed(tabs: readonly { id?: number; url?: string }[]): void {
      for (const t of tabs) if (t.id !== undefined) set(t.id, t.url);
    },
    remove(tabId: number): void {
      origins.delete(tabId);
    },
    /** The attribution rule: the tabs whose page has this origin. */
    ownersOf(origin: string): number[] {
      const out: number[] = [];
      for (const [tabId, o] of origins) if (o === origin) out.push(tabId);
      return out;
    },
  };
}

export type TabOrigins = ReturnType<typeof createTabOrigins>;
