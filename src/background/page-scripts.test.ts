import { describe, expect, it } from 'vitest';
import { pageScripts, syncPageScripts, type ScriptSpec, type ScriptingApi } from './page-scripts.ts';
import manifest from '../../manifest.json' with { type: 'json' };

function fakeScripting(): ScriptingApi & { now: Map<string, ScriptSpec> } {
  const now = new Map<string, ScriptSpec>();
  return {
    now,
    registered: () => Promise.resolve([...now.keys(), 'someone-else']),
    register: (ss) => {
      for (const s of ss) {
        if (now.has(s.id)) return Promise.reject(new Error(`Duplicate script ID '${s.id}'`));
        now.set(s.id, s);
      }
      return Promise.resolve();
    },
    unregister: (ids) => {
      for (const id of ids) now.delete(id);
      return Promise.resolve();
    },
  };
}

const scripts = pageScripts({ relay: 'relay.js', hook: 'hook.js' });

describe('page scripts: only while every tab is recorded', () => {
  it('the manifest declares no content script and holds no host permission', () => {
    expect('content_scripts' in manifest).toBe(false);
    expect('host_permissions' in manifest).toBe(false);
    expect(manifest.optional_host_permissions).toEqual(['<all_urls>']);
  });

  it('registers the relay (isolated) and the hook (page world) at document_start, not across sessions', () => {
    expect(scripts.map((s) => [s.id, s.world, s.js[0]])).toEqual([
      ['cors-lens-relay', 'ISOLATED', 'relay.js'],
      ['cors-lens-page-hook', 'MAIN', 'hook.js'],
    ]);
    for (const s of scripts) {
      expect(s).toMatchObject({ runAt: 'document_start', allFrames: true, persistAcrossSessions: false });
      expect(s.matches).toEqual(['http://*/*', 'https://*/*']);
    }
  });

  it('on registers both once (a restarted worker does not fail on its own registrations); off removes only ours', async () => {
    const api = fakeScripting();
    await syncPageScripts(api, scripts, true);
    await syncPageScripts(api, scripts, true);
    expect([...api.now.keys()]).toEqual(['cors-lens-relay', 'cors-lens-page-hook']);
    await syncPageScripts(api, scripts, false);
    expect([...api.now.keys()]).toEqual([]);
    await syncPageScripts(api, scripts, false);
  });

  it('a half-registered state is completed', async () => {
    const api = fakeScripting();
    await api.register([scripts[0] as ScriptSpec]);
    await syncPageScripts(api, scripts, true);
    expect([...api.now.keys()].sort()).toEqual(['cors-lens-page-hook', 'cors-lens-relay']);
  });
});
