// The row key: stable while a record's API kind arrives late (the user's selection stays on its row), and a static
// asset of the same URL is still its own row.
import { describe, expect, it } from 'vitest';
import type { ResourceKind } from '../../src/engine/types.ts';
import { groupKey, type Entry } from './groups.ts';

const entry = (kind: ResourceKind | null): Entry =>
  ({
    record: { observed: { method: 'GET', url: 'https://api.example/chat?x=1', kind } },
    diagnosis: { code: 'MissingAllowOriginHeader' },
  }) as unknown as Entry;

describe('groupKey', () => {
  it('keeps a fetch, an XHR and a kind not yet known on one row', () => {
    expect(
      new Set([null, 'fetch', 'xhr', 'eventsource'].map((k) => groupKey(entry(k as ResourceKind | null)))),
    ).toHaveProperty('size', 1);
  });
  it('gives a font or a script of the same URL its own row', () => {
    expect(groupKey(entry('font'))).not.toBe(groupKey(entry('fetch')));
    expect(groupKey(entry('script'))).not.toBe(groupKey(entry('font')));
  });
});
