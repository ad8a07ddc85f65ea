// The demo's Node reproduction against the real FastAPI app (demo/backend/main.py on Debian's python3-fastapi):
// for every demo call, the preflight a browser would send (sent for every call, so the preflight path is compared
// too), the actual request from the frontend, and the actual request from another origin and with a cookie.
// Status, every header but the connection ones and `date`, and the body must be the same, byte for byte.
// Then the README's demo run must be what the CLI prints against the real app. Part of `npm run verify:fixes`;
// without FastAPI it reports a gap, as the matrix does.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { DEMO_CALLS, startBackend, type Backend } from '../../demo/servers.ts';
import { findFastApi } from '../../demo/fastapi.ts';
import { accessControlRequestHeaders } from '../../src/engine/index.ts';
import { freePort, REPO } from './harness.ts';

const FRONTEND = 'http://localhost:3000';
const OTHER = 'http://127.0.0.1:3000';
const IGNORED = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

interface Probe {
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

interface Seen {
  status: number;
  headers: string[];
  body: string;
}

function probes(): Probe[] {
  return DEMO_CALLS.flatMap((c) => {
    const headers = c.init.headers ?? {};
    const acrh = accessControlRequestHeaders(headers);
    const actual = {
      method: c.init.method,
      path: c.path,
      headers,
      ...(c.init.body ? { body: c.init.body } : {}),
    };
    const preflight = (origin: string) => ({
      method: 'OPTIONS',
      path: c.path,
      headers: {
        origin,
        'access-control-request-method': c.init.method,
        ...(acrh ? { 'access-control-request-headers': acrh } : {}),
      },
    });
    return [
      { name: `${c.id} preflight`, ...preflight(FRONTEND) },
      { name: `${c.id} preflight, other origin`, ...preflight(OTHER) },
      { name: `${c.id} actual`, ...actual, headers: { ...headers, origin: FRONTEND } },
      { name: `${c.id} other origin`, ...actual, headers: { ...headers, origin: OTHER } },
      { name: `${c.id} with cookie`, ...actual, headers: { ...headers, origin: FRONTEND, cookie: 'sid=1' } },
    ];
  });
}

function send(port: number, p: Probe): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: p.method, path: p.path, headers: p.headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => {
          const headers: string[] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            const name = (res.rawHeaders[i] ?? '').toLowerCase();
            if (!IGNORED.has(name)) headers.push(`${name}: ${res.rawHeaders[i + 1] ?? ''}`);
          }
          resolve({ status: res.statusCode ?? 0, headers: headers.sort(), body });
        });
      },
    );
    req.on('error', reject);
    req.end(p.body);
  });
}

const show = (s: Seen): string =>
  `${s.status} ${JSON.stringify(s.body)}\n      ${s.headers.join('\n      ')}`;

/** The README's demo run (shortened there: its lines must appear, in order, in a real run against real FastAPI). */
async function readmeMatches(port: number): Promise<boolean> {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const block = /```console\n\$ npx cors-lens (check [^\n]*)\n([\s\S]*?)\[exit (\d)\]\n```/.exec(readme);
  if (!block) throw new Error('README.md has no `npx cors-lens check` console block');
  const [, command = '', shown = '', exit = ''] = block;
  // The README's command line, split as a shell would (only double-quoted words occur there).
  const args = [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) =>
    (m[1] ?? m[2] ?? '').replace(':8000/', `:${port}/`),
  );
  const run = await new Promise<{ code: number; out: string }>((resolve) => {
    execFile(process.execPath, [path.join(REPO, 'bin/cors-lens.mjs'), ...args], (e, out) => {
      resolve({
        code: e ? ((e as { code?: number }).code ?? -1) : 0,
        out: out.replaceAll(`:${port}`, ':8000'),
      });
    });
  });
  let at = 0;
  const lines = run.out.split('\n');
  const missing = shown.split('\n').filter((l) => {
    const i = lines.indexOf(l, at);
    if (i === -1) return true;
    at = i + 1;
    return false;
  });
  const ok = missing.length === 0 && String(run.code) === exit;
  process.stdout.write(
    `${ok ? 'SAME' : 'DIFF'} README.md's demo run (cors-lens ${command.split(' ').slice(0, 2).join(' ')} …, exit ${run.code}) against real FastAPI\n`,
  );
  if (!ok)
    process.stdout.write(`  README lines not in the real output:\n  ${missing.join('\n  ')}\n${run.out}\n`);
  return ok;
}

async function main(): Promise<number> {
  const py = findFastApi();
  if (!py) {
    process.stdout.write(
      'demo parity: GAP, no python3 with fastapi and uvicorn (run test/verify/install.sh as root)\n',
    );
    return 0;
  }
  const started: Backend[] = [];
  try {
    const [realPort, nodePort] = [await freePort(), await freePort()];
    started.push(await startBackend(realPort, FRONTEND, 'fastapi'));
    started.push(await startBackend(nodePort, FRONTEND, 'node'));
    process.stdout.write(`demo parity: ${started[0]?.description ?? ''} vs the Node reproduction\n`);
    let failed = 0;
    const list = probes();
    for (const p of list) {
      const [real, node] = [await send(realPort, p), await send(nodePort, p)];
      const same = JSON.stringify(real) === JSON.stringify(node);
      if (!same) failed++;
      process.stdout.write(`${same ? 'SAME' : 'DIFF'} ${p.method} ${p.path} (${p.name}) -> ${real.status}\n`);
      if (!same) process.stdout.write(`  fastapi: ${show(real)}\n  node:    ${show(node)}\n`);
    }
    process.stdout.write(`demo parity: ${list.length - failed} of ${list.length} exchanges identical\n`);
    const readme = await readmeMatches(realPort);
    return failed || !readme ? 1 : 0;
  } finally {
    for (const b of started) await b.close();
  }
}

process.exitCode = await main();
