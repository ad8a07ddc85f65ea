// The content scripts that relay the page's own error (content/page-hook.ts in the page's world, content/relay.ts
// beside it) are not in the manifest: a script declared there runs in every page and frame, whether anyone is
// debugging it or not, and lets any site notice the extension (it answers a failed fetch with a postMessage). They
// are registered here only while "Record all tabs" is on, when every tab is recorded and the host permission they
// need is held; while DevTools is open on one tab, its devtools page hooks that tab alone (devtools/page-hook-eval.ts).
export interface ScriptSpec {
  id: string;
  js: string[];
  matches: string[];
  runAt: 'document_start';
  allFrames: true;
  world: 'ISOLATED' | 'MAIN';
  persistAcrossSessions: false;
}

export interface ScriptingApi {
  registered(): Promise<string[]>;
  register(scripts: ScriptSpec[]): Promise<void>;
  unregister(ids: string[]): Promise<void>;
}

const MATCHES = ['http://*/*', 'https://*/*'];

export function pageScripts(files: { relay: string; hook: string }): ScriptSpec[] {
  const spec = (id: string, file: string, world: ScriptSpec['world']): ScriptSpec => ({
    id,
    js: [file],
    matches: MATCHES,
    runAt: 'document_start',
    allFrames: true,
    world,
    // Registered again by the worker from the permission state at every browser start.
    persistAcrossSessions: false,
  });
  return [spec('cors-lens-relay', files.relay, 'ISOLATED'), spec('cors-lens-page-hook', files.hook, 'MAIN')];
}

/** Makes the registered set match `on`: both scripts registered, or none. Idempotent (a restarted worker calls it
 * again with scripts still registered from its previous run). */
export async function syncPageScripts(api: ScriptingApi, scripts: ScriptSpec[], on: boolean): Promise<void> {
  const present = new Set(await api.registered());
  if (on) {
    const missing = scripts.filter((s) => !present.has(s.id));
    if (missing.length) await api.register(missing);
    return;
  }
  const stale = scripts.map((s) => s.id).filter((id) => present.has(id));
  if (stale.length) await api.unregister(stale);
}
