// chrome.scripting for the worker's dynamically registered page scripts (background/page-scripts.ts).
import type { ScriptingApi } from '../background/page-scripts.ts';

export const chromeScripting: ScriptingApi = {
  registered: async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id),
  register: (scripts) => chrome.scripting.registerContentScripts(scripts),
  unregister: (ids) => chrome.scripting.unregisterContentScripts({ ids }),
};
