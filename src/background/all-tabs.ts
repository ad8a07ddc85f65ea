// "Record all tabs": the optional `webRequest` permission. Off by default, because Chromium puts an extension
// proxy in front of every request of the browser as soon as a loaded extension holds `webRequest`, listeners or
// not (WebRequestAPI::MayHaveProxies counts extensions with the permission at load:
// https://source.chromium.org/chromium/chromium/src/+/main:extensions/browser/api/web_request/web_request_api.cc),
// which cost every tab 1.1–1.3× in bench/overhead.bench.ts. For the same reason a grant takes effect only when the
// extension next loads, i.e. after a browser restart (measured: no event reaches a listener added after a runtime
// grant), so a grant made during this browser session reads as 'restart'.
import type { AllTabsState } from '../shared/protocol.ts';

/** storage.session key, set when the permission is granted: storage.session lives exactly one browser session. */
export const GRANTED_THIS_SESSION = 'allTabsGrantedThisSession';

export interface AllTabsSource {
  hasPermission(): Promise<boolean>;
  grantedThisSession(): Promise<boolean>;
}

export async function loadAllTabs(src: AllTabsSource): Promise<AllTabsState> {
  if (!(await src.hasPermission())) return 'off';
  return (await src.grantedThisSession()) ? 'restart' : 'on';
}
