// docs/ci.md's CI jobs are code users paste: each job's YAML parses, the reports it uploads are the files its
// command writes, and every `npx cors-lens` line in it runs as written through the real launcher (bin/, what npx
// executes), only the API's URL swapped for a loopback server, in a directory holding the job's openapi.yaml.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateJunit } from '../../schemas/junit.ts';
import { close, listen } from './helpers.ts';

const DOC = readFileSync('docs/ci.md', 'utf8');
const BIN = path.resolve('bin/cors-lens.mjs');
const FRONT = 'https://app.example.com';

/** The YAML block under each "## Audit job: <CI>" heading. */
function jobs(): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of DOC.matchAll(/^## Audit job: (.+)\n+```yaml\n([\s\S]*?)```/gm))
    out.set(m[1] ?? '', m[2] ?? '');
  return out;
}

const commandsIn = (yaml: string): string[] =>
  yaml
    .split('\n')
    .map((l) => /npx cors-lens .*$/.exec(l)?.[0])
    .filter((c): c is string => c !== undefined);

/** A safe API: one origin allowed, Vary: Origin, the route the job's openapi.yaml names. */
const server = http.createServer((req, res) => {
  if (req.headers.origin === FRONT) res.setHeader('access-control-allow-origin', FRONT);
  res.setHeader('vary', 'Origin');
  res.writeHead(req.url === '/api/items' ? 200 : 404, { 'content-type': 'application/json' }).end('[]');
});
afterAll(() => close(server));

function run(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...argv], { cwd, timeout: 90_000 }, (error, out, err) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, out, err });
    });
  });
}

describe('docs/ci.md audit jobs', { timeout: 120_000 }, () => {
  it('has a GitHub Actions and a GitLab CI job', () => {
    expect([...jobs().keys()]).toEqual(['GitHub Actions', 'GitLab CI']);
  });

  it('GitLab CI: the job parses, runs the CLI in its script and uploads the JUnit file it writes', () => {
    const doc = parse(jobs().get('GitLab CI') ?? '') as Record<string, Record<string, unknown>>;
    const [name, job] = Object.entries(doc)[0] ?? [];
    expect(name).toBe('cors-audit');
    const script = job?.script as string[];
    const command = script.find((l) => l.startsWith('npx cors-lens audit ')) ?? '';
    const junit = /--junit (\S+)/.exec(command)?.[1];
    expect(junit).toBeDefined();
    expect(job?.artifacts).toMatchObject({ when: 'always', reports: { junit } });
  });

  it('GitHub Actions: the steps parse and the SARIF upload reads the file the audit writes', () => {
    const steps = parse(jobs().get('GitHub Actions') ?? '') as {
      run?: string;
      with?: { sarif_file?: string };
    }[];
    const sarif = /--sarif (\S+)/.exec(steps.find((s) => s.run !== undefined)?.run ?? '')?.[1];
    expect(steps.find((s) => s.with?.sarif_file !== undefined)?.with?.sarif_file).toBe(sarif);
  });

  it('every command runs as written against a loopback API: exit 0, and the reports are written', async () => {
    const base = `http://127.0.0.1:${await listen(server)}`;
    for (const [ci, yaml] of jobs()) {
      for (const command of commandsIn(yaml)) {
        // Plain words only, so splitting on spaces is what a shell does with this line.
        expect(command).toMatch(/^[\w ./:=@-]+$/);
        const dir = mkdtempSync(path.join(tmpdir(), 'cors-lens-ci-doc-'));
        writeFileSync(
          path.join(dir, 'openapi.yaml'),
          'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n  /api/items:\n    get:\n      responses: { "200": { description: ok } }\n',
        );
        const argv = command
          .split(' ')
          .slice(2)
          .map((w) => (w === 'http://localhost:8000' ? base : w));
        expect(argv).toContain(base);
        const r = await run(argv, dir);
        expect({ ci, code: r.code, err: r.err }).toEqual({ ci, code: 0, err: '' });
        const junit = /--junit (\S+)/.exec(command)?.[1] ?? '';
        expect(validateJunit(readFileSync(path.join(dir, junit), 'utf8'))).toBeGreaterThan(0);
        const sarif = /--sarif (\S+)/.exec(command)?.[1];
        if (sarif)
          expect(JSON.parse(readFileSync(path.join(dir, sarif), 'utf8'))).toMatchObject({ version: '2.1.0' });
        expect(existsSync(path.join(dir, 'cors.xml'))).toBe(true);
      }
    }
  });
});
