import { describe, expect, it } from 'vitest';
import { loadAllTabs } from './all-tabs.ts';

describe('"Record all tabs" state', () => {
  it('is off without the permission, waits for a restart after a grant this session, and is on after a restart', async () => {
    const src = (has: boolean, now: boolean) => ({
      hasPermission: () => Promise.resolve(has),
      grantedThisSession: () => Promise.resolve(now),
    });
    expect(await loadAllTabs(src(false, false))).toBe('off');
    expect(await loadAllTabs(src(false, true))).toBe('off');
    expect(await loadAllTabs(src(true, true))).toBe('restart');
    expect(await loadAllTabs(src(true, false))).toBe('on');
  });
});
