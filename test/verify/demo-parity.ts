// The demo's Node reproduction against the real FastAPI app (demo/backend/main.py on Debian's python3-fastapi):
// for every demo call, the preflight a browser would send (sent for every call, so the preflight path is compared
// too), the actual request from the frontend, and the actual request from another origin and with a cookie.
// Status, every header but the connection ones and `date`, and the body must be the same, byte for byte.
// Part of `npm run verify:fixes`; without FastAPI it reports a gap, as the matrix does.
import http from 'node:http';
import { DEMO_CALLS, startBackend, type Backend } from '../../demo/servers.ts';
import { findFastApi } from '../../demo/fastapi.ts';
import { accessControlRequestHeaders } from '../../src/engine/index.ts';
import { freePort } from './harness.ts';

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
    return failed ? 1 : 0;
  } finally {
    for (const b of started) await b.close();
  }
}

process.exitCode = await main();
