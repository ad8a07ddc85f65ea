// The demo app for `npm start`: a frontend on :3000 and an "AI backend" on :8000 with the classic broken CORS
// set-ups (demo/backend/main.py). The backend is the real FastAPI app when python3 can run it, else the Node
// reproduction (demo/node-backend.ts); DEMO_BACKEND=fastapi|node forces one.
import http from 'node:http';
import { DEMO_CALLS } from './calls.ts';
import { findFastApi, startFastApi } from './fastapi.ts';
import { nodeBackend } from './node-backend.ts';

export { DEMO_CALLS, type DemoCall } from './calls.ts';

const page = (apiOrigin: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Demo chat app</title>
<style>body{font:14px system-ui;margin:2rem;max-width:44rem}button{display:block;margin:.4rem 0;padding:.4rem .8rem}</style></head>
<body><h1>Demo chat app</h1>
<p>Each button calls the AI backend at <code>${apiOrigin}</code>. Open DevTools → <b>CORS</b> to see why each call fails.</p>
${DEMO_CALLS.map((c) => `<button data-call="${c.id}">${c.label}</button>`).join('\n')}
<pre id="log"></pre>
<script>
const CALLS = ${JSON.stringify(DEMO_CALLS)};
window.runDemoCall = (id) => { const c = CALLS.find((x) => x.id === id);
  return fetch(${JSON.stringify(apiOrigin)} + c.path + '?t=' + Date.now(), c.init).then((r) => 'HTTP ' + r.status, (e) => String(e))
    .then((out) => { document.getElementById('log').textContent += c.label + ' → ' + out + '\\n'; return out; }); };
window.runAllDemoCalls = () => Promise.all(CALLS.map((c) => window.runDemoCall(c.id)));
document.querySelectorAll('button').forEach((b) => b.addEventListener('click', () => window.runDemoCall(b.dataset.call)));
// ?run=all makes every call as the page loads, for \`cors-lens record http://localhost:3000/?run=all\`.
if (new URLSearchParams(location.search).get('run') === 'all') window.runAllDemoCalls();
</script></body></html>`;

function listen(server: http.Server, port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(
        new Error(
          e.code === 'EADDRINUSE'
            ? `port ${port} (${what}) is in use: stop what runs there, or set ${what === 'frontend' ? 'DEMO_FRONTEND_PORT' : 'DEMO_API_PORT'}`
            : e.message,
        ),
      );
    });
    server.listen(port, '127.0.0.1', resolve);
  });
}

const closeServer = (s: http.Server): Promise<void> =>
  new Promise((resolve) => {
    s.closeAllConnections();
    s.close(() => {
      resolve();
    });
  });

export interface Backend {
  kind: 'fastapi' | 'node';
  /** One line for the user: what answers on the API port. */
  description: string;
  /** Starlette's major version (the Node reproduction is Starlette 0.26): >= 1 fixed `*` with credentials. */
  starletteMajor: number;
  close(): Promise<void>;
}

/** Starts the API on `port`: real FastAPI when possible (or when `want` says so), else the Node reproduction. */
export async function startBackend(
  port: number,
  frontendOrigin: string,
  want = process.env.DEMO_BACKEND ?? 'auto',
): Promise<Backend> {
  if (!['auto', 'fastapi', 'node'].includes(want))
    throw new Error(`DEMO_BACKEND must be fastapi or node, not ${JSON.stringify(want)}`);
  const py = want === 'node' ? null : findFastApi();
  if (want === 'fastapi' && !py)
    throw new Error('DEMO_BACKEND=fastapi: no python3 that imports fastapi and uvicorn (set DEMO_PYTHON)');
  // Bind first even for uvicorn: a taken port then fails here with the clear message, not as a uvicorn traceback.
  const probe = http.createServer();
  await listen(probe, port, 'backend');
  if (py) {
    await closeServer(probe);
    const app = await startFastApi(py, port, frontendOrigin);
    return {
      kind: 'fastapi',
      description: `real FastAPI: demo/backend/main.py under uvicorn (${py.versions}, ${py.path})`,
      starletteMajor: py.starletteMajor,
      close: () => app.close(),
    };
  }
  probe.on('request', nodeBackend(frontendOrigin));
  return {
    kind: 'node',
    description: `Node reproduction of FastAPI 0.92 / Starlette 0.26.1 (demo/node-backend.ts)${want === 'node' ? '' : ': no python3 with fastapi and uvicorn found'}`,
    starletteMajor: 0,
    close: () => closeServer(probe),
  };
}

export interface Demo {
  frontendOrigin: string;
  apiOrigin: string;
  backend: Backend;
  close(): Promise<void>;
}

export async function startDemo(frontendPort = 3000, apiPort = 8000): Promise<Demo> {
  const frontendOrigin = `http://localhost:${frontendPort}`;
  const apiOrigin = `http://localhost:${apiPort}`;
  const front = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(apiOrigin));
  });
  await listen(front, frontendPort, 'frontend');
  const backend = await startBackend(apiPort, frontendOrigin).catch(async (e: unknown) => {
    await closeServer(front);
    throw e;
  });
  return {
    frontendOrigin,
    apiOrigin,
    backend,
    close: async () => {
      await Promise.all([closeServer(front), backend.close()]);
    },
  };
}
