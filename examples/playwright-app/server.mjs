// The sample app: a static frontend on http://localhost:<port> and its API on http://127.0.0.1:<port>, both on ports
// the OS chooses. The page POSTs JSON to the API, so the browser sends a preflight first. `api: 'broken'` answers like
// a framework with no CORS set-up (the preflight gets 405, no Access-Control-* headers); `api: 'fixed'` allows the
// frontend's origin, and only it. `configDelayMs` holds back the page's config, so its API call starts late, after a
// test that does not wait for it has ended (the fixture must still see that call).
import { readFileSync } from 'node:fs';
import http from 'node:http';

const file = (name) => readFileSync(new URL(`./public/${name}`, import.meta.url));
const listen = (server, host) =>
  new Promise((resolve) => server.listen(0, host, () => resolve(server.address().port)));

function apiHandler(api, appOrigin) {
  return (req, res) => {
    const allowed = api === 'fixed' && req.headers.origin === appOrigin;
    const cors = allowed ? { 'access-control-allow-origin': appOrigin, vary: 'Origin' } : {};
    if (req.method === 'OPTIONS' && allowed) {
      res.writeHead(204, {
        ...cors,
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
      });
      return res.end();
    }
    if (req.method === 'POST' && req.url === '/api/greeting') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        let name = 'there';
        try {
          name = String(JSON.parse(body).name).slice(0, 40);
        } catch {
          // an unreadable body gets the default greeting
        }
        res.writeHead(200, { ...cors, 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `Hello, ${name}` }));
      });
      return;
    }
    res.writeHead(405, { 'content-type': 'application/json', allow: 'POST' });
    res.end(JSON.stringify({ detail: 'Method Not Allowed' }));
  };
}

export async function startSample({ api = 'broken', configDelayMs = 0 } = {}) {
  const apiServer = http.createServer();
  const apiPort = await listen(apiServer, '127.0.0.1');
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const app = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      setTimeout(() => res.end(JSON.stringify({ api: apiUrl })), configDelayMs);
      return;
    }
    const name = path === '/' ? 'index.html' : path === '/app.js' ? 'app.js' : null;
    if (!name) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'content-type': name.endsWith('.js') ? 'text/javascript' : 'text/html' });
    res.end(file(name));
  });
  const appPort = await listen(app, '127.0.0.1');
  const appUrl = `http://localhost:${appPort}`;
  apiServer.on('request', apiHandler(api, appUrl));
  return {
    appUrl,
    apiUrl,
    close: () => Promise.all([app, apiServer].map((s) => new Promise((r) => s.close(r)))),
  };
}
