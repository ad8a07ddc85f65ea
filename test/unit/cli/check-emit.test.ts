// `cors-lens check … --emit-test DIR` through the real launcher: the test it writes runs with the backend's own
// runner (node --test for Express here) and passes on the server that allows the request, fails on one that does
// not; the header values the user passed (secrets, possibly) are not written.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

const SECRET = 'Bearer sk-live-do-not-write-me';

function nodeTest(dir: string): Promise<{ code: number; out: string }> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.mjs'));
  return new Promise((resolve) => {
    execFile(process.execPath, ['--test', ...files], { cwd: dir, timeout: 60_000 }, (error, out) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, out });
    });
  });
}

async function emit(scenario: string, ...request: string[]): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cors-lens-check-emit-'));
  const args = ['check', fx.urlOf(scenario), '--origin', fx.pageOrigin, ...request];
  const r = await runBin([...args, '--backend', 'express', '--emit-test', dir]);
  expect(r.err).toMatch(/wrote 1 file\(s\) to .*\.test\.mjs/);
  return dir;
}

describe('check --emit-test', { timeout: 120_000 }, () => {
  it('the emitted node:test file passes against a server that allows the request', async () => {
    const post = [
      '--method',
      'POST',
      '-H',
      'Content-Type: application/json; charset=utf-8',
      '-H',
      `Authorization: ${SECRET}`,
    ];
    const dir = await emit('ok-preflight', ...post);
    const [file] = readdirSync(dir);
    const code = readFileSync(path.join(dir, file ?? ''), 'utf8');
    expect(code).not.toContain('sk-live');
    expect(code).toContain(`['Content-Type', 'application/json']`);
    const r = await nodeTest(dir);
    expect(r.out).toMatch(/# pass 3\n# fail 0/);
    expect(r.code).toBe(0);
  });

  it('and fails against one a browser blocks', async () => {
    const r = await nodeTest(await emit('invalid-acao'));
    expect(r.out).toMatch(/# fail [1-9]/);
    expect(r.code).not.toBe(0);
  });
});
