// A small seeded slice of `npm run fuzz` (test/fuzz/campaign.ts), so CI keeps the campaign's oracles honest.
import { describe, expect, it } from 'vitest';
import { runTarget, type TargetName } from '../fuzz/run.ts';
import { markdownUnsafe, shellUnsafe } from '../fuzz/campaign.ts';

const SEED = 20261205;

describe('fuzz slice', () => {
  it.each([
    ['engine', 2000],
    ['report', 400],
    ['fixes', 1500],
  ] as [TargetName, number][])('%s: %i hostile inputs, no exception, nothing unsafe', (target, runs) => {
    const r = runTarget(target, SEED, runs);
    expect(r.findings).toEqual([]);
    expect(r).toMatchObject({ runs, exceptions: 0, unsafe: 0 });
  });

  it('the oracles catch what they look for', () => {
    expect(shellUnsafe("curl -X 'a' -H 'x: $(id)'")).toBeNull();
    expect(shellUnsafe('curl -X $(id)')).not.toBeNull();
    expect(shellUnsafe("curl 'a'\\''b' `id`")).not.toBeNull();
    expect(markdownUnsafe('- url: `<img src=x>`')).toBeNull();
    expect(markdownUnsafe('- url: <img src=x>')).not.toBeNull();
  });
});
