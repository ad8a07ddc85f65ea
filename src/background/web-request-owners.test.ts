import { describe, expect, it } from 'vitest';
import { createTabOrigins, isTabless } from './web-request-owners.ts';

describe('owners of a tabless worker request', () => {
  it('are the tabs whose page has its origin, as the tabs API reports them now', () => {
    const t = createTabOrigins();
    t.seed([
      { id: 1, url: 'http://localhost:3000/app' },
      { id: 2, url: 'http://localhost:3000/other?x' },
      { id: 3, url: 'http://localhost:3001/' },
      { id: 4, url: 'about:blank' },
      { url: 'http://localhost:3000/' }, // no id: not a tab the extension can record
      { id: 5 }, // URL not visible
    ]);
    expect(t.ownersOf('http://localhost:3000')).toEqual([1, 2]);
    t.set(2, 'https://example.com/');
    t.remove(1);
    t.set(3, 'http://localhost:3000/x');
    expect(t.ownersOf('http://localhost:3000')).toEqual([3]);
    t.set(3, 'data:text/html,x');
    expect(t.ownersOf('http://localhost:3000')).toEqual([]);
    expect(t.ownersOf('null')).toEqual([]);
  });

  it('tabless means no tab and no frame', () => {
    expect(isTabless({ tabId: -1, frameId: -1 })).toBe(true);
    expect(isTabless({ tabId: -1, frameId: 0 })).toBe(false);
    expect(isTabless({ tabId: 3, frameId: -1 })).toBe(false);
  });
});
