// Chromium's sandbox is turned off only where it cannot start (root); every other user keeps it.
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumArgs } from '../../../src/cli/launch.ts';

describe('Chromium flags', () => {
  it('passes --no-sandbox only to a root process', () => {
    expect(chromiumArgs(0)).toContain('--no-sandbox');
    expect(chromiumArgs(1000)).not.toContain('--no-sandbox');
    expect(chromiumArgs(undefined)).not.toContain('--no-sandbox');
  });

  it('the launcher uses the flags of the user running it', () => {
    expect(CHROMIUM_ARGS).toEqual(chromiumArgs(process.getuid?.()));
  });
});
