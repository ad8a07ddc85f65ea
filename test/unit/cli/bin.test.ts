// The launcher as users run it (`node bin/cors-lens.mjs`, what `npx cors-lens` executes): real exit codes, and
// errors as one stderr line without a stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServers, type FixtureServers } from '../../fixtures/cors-server.ts';
import { runBin } from './helpers.ts';

let fx: FixtureServers;
beforeAll(async () => {
  fx = await startFixtureServers();
});
afterAll(async () => {
  await fx.close();
});

describe('bin/cors-lens.mjs', { timeout: 30_000 }, () => {
  it('exit 1 when a browser would block, 0 when it would not', async () => {
    const blocked = await runBin(['check', fx.urlOf('invalid-acao'), '--origin', fx.pageOrigin]);
    expect(blocked).toMatchObject({ code: 1, err: '' });
    expect(blocked.out).toContain('Cause: InvalidAllowOriginValue (actual)');
    const allowed = await runBin(['check', fx.urlOf('ok-wildcard'), '--origin', fx.pageOrigin]);
    expect(allowed).toMatchObject({ code: 0, err: '' });
  });

  it('exit 2 with one line and no stack for bad input', async () => {
    const r = await runBin(['check', fx.urlOf('ok-simple'), '--origin', fx.pageOrigin, '--nope']);
    expect(r).toMatchObject({ code: 2, out: '', err: "cors-lens: Unknown option '--nope'\n" });
  });

  it('--help lists the three commands', async () => {
    const r = await runBin(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /cors-lens record <url>[\s\S]*cors-lens check <url>[\s\S]*cors-lens replay <report\.json>/,
    );
  });
});
