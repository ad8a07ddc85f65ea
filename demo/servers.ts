// The demo app for `npm start`: a frontend on :3000 and an "AI backend" on :8000 that reproduces the classic
// broken CORS set-ups developers hit. The backend answers like FastAPI/uvicorn so backend detection has
// something real to detect.
import http from 'node:http';

export interface DemoCall {
  id: string;
  label: string;
  path: string;
  init: { method: string; headers?: Record<string, string>; credentials?: 'include'; body?: string };
}

export const DEMO_CALLS: DemoCall[] = [
  {
    id: 'no-middleware',
    label: 'POST /v1/chat — no CORS middleware at all',
    path: '/v1/chat',
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"prompt":"hi"}' },
  },
  {
    id: 'origin-list',
    label: 'GET /v2/models — origin list misses the frontend',
    path: '/v2/models',
    init: { method: 'GET' },
  },
  {
    id: 'wildcard-credentials',
    label: 'GET /v3/me — wildcard with credentials',
    path: '/v3/me',
    init: { method: 'GET', credentials: 'include' },
  },
  {
    id: 'error-500',
    label: 'POST /v4/chat — a 500 that loses its CORS headers',
    path: '/v4/chat',
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"prompt":"crash"}' },
  },
];

const uvicorn = { server: 'uvicorn', 'content-type': 'application/json' };

function backend(frontendOrigin: string): http.RequestListener {
  return (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    const answer = (status: number, headers: Record<string, string>, body: string) => {
      res.writeHead(status, { ...uvicorn, ...headers });
      res.end(body);
    };
    switch (path) {
      case '/v1/chat': // FastAPI without CORSMiddleware: OPTIONS is not routed
        if (preflight) answer(405, { allow: 'POST' }, '{"detail":"Method Not Allowed"}');
        else answer(200, {}, '{"reply":"hello"}');
        return;
      case '/v2/models': // allow_origins=["http://localhost:5173"]: the Vite port, not this frontend's
        answer(
          200,
          { 'access-control-allow-origin': 'http://localhost:5173', vary: 'Origin' },
          '{"models":["small"]}',
        );
        return;
      case '/v3/me': // a hand-written middleware that sends * together with credentials
        answer(
          200,
          { 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' },
          '{"user":"ada"}',
        );
        return;
      case '/v4/chat': // CORSMiddleware added with add_middleware: an unhandled exception's 500 skips it
        if (preflight)
          answer(
            200,
            {
              'access-control-allow-origin': frontendOrigin,
              'access-control-allow-methods': 'POST',
              'access-control-allow-headers': 'content-type',
              vary: 'Origin',
            },
            'OK',
          );
        else answer(500, { 'content-type': 'text/plain; charset=utf-8' }, 'Internal Server Error');
        return;
      default:
        answer(404, {}, '{"detail":"Not Found"}');
    }
  };
}

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

export interface Demo {
  frontendOrigin: string;
  apiOrigin: string;
  close(): Promise<void>;
}

export async function startDemo(frontendPort = 3000, apiPort = 8000): Promise<Demo> {
  const frontendOrigin = `http://localhost:${frontendPort}`;
  const apiOrigin = `http://localhost:${apiPort}`;
  const api = http.createServer(backend(frontendOrigin));
  const front = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(apiOrigin));
  });
  await listen(front, frontendPort, 'frontend');
  await listen(api, apiPort, 'backend');
  return {
    frontendOrigin,
    apiOrigin,
    close: async () => {
      await Promise.all([front, api].map(closeServer));
    },
  };
}
