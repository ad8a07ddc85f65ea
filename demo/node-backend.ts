// The demo's AI backend without Python: the set-ups of demo/backend/main.py, answered through the Starlette
// reproduction in demo/starlette.ts. Keep the two files in step; test/verify/demo-parity.ts compares them.
import type http from 'node:http';
import { corsMiddleware, jsonAnswer, SERVER_ERROR, type Answer, type Middleware } from './starlette.ts';

interface Route {
  method: string;
  path: string;
  /** The JSON the handler returns, or 'raise' for a handler that throws (an unhandled exception: 500). */
  returns: unknown;
}

/** A FastAPI application mounted under a prefix ('' for the main app), with its CORSMiddleware if any. */
interface SubApp {
  prefix: string;
  cors: Middleware | null;
  routes: Route[];
}

function apps(frontendOrigin: string): SubApp[] {
  return [
    {
      prefix: '/v2',
      cors: corsMiddleware({ allowOrigins: ['http://localhost:5173'] }),
      routes: [{ method: 'GET', path: '/models', returns: { models: ['small'] } }],
    },
    {
      prefix: '/v3',
      cors: corsMiddleware({ allowOrigins: ['*'], allowCredentials: true }),
      routes: [{ method: 'GET', path: '/me', returns: { user: 'ada' } }],
    },
    {
      prefix: '/v4',
      cors: corsMiddleware({
        allowOrigins: [frontendOrigin],
        allowMethods: ['POST'],
        allowHeaders: ['content-type'],
      }),
      routes: [{ method: 'POST', path: '/chat', returns: 'raise' }],
    },
    {
      prefix: '',
      cors: null,
      routes: [
        { method: 'GET', path: '/api/chat', returns: { reply: 'hello' } },
        { method: 'POST', path: '/v1/chat', returns: { reply: 'hello' } },
      ],
    },
  ];
}

/** Starlette's router: the route's answer, 405 with `allow` for a path with other methods, else 404. */
function route(app: SubApp, method: string, path: string): Answer | 'raise' {
  const matches = app.routes.filter((r) => r.path === path);
  const hit = matches.find((r) => r.method === method || (method === 'HEAD' && r.method === 'GET'));
  if (hit) return hit.returns === 'raise' ? 'raise' : jsonAnswer(200, hit.returns);
  if (matches.length)
    return jsonAnswer(405, { detail: 'Method Not Allowed' }, [
      ['allow', matches.map((r) => r.method).join(', ')],
    ]);
  return jsonAnswer(404, { detail: 'Not Found' });
}

function answer(mounts: SubApp[], method: string, url: string, req: http.IncomingHttpHeaders): Answer {
  const path = url.split('?')[0] ?? '/';
  const app = mounts.find((a) => a.prefix === '' || path.startsWith(`${a.prefix}/`));
  if (!app) return jsonAnswer(404, { detail: 'Not Found' });
  const headers = req as Readonly<Record<string, string | undefined>>;
  const preflight = app.cors?.preflight(headers, method);
  if (preflight) return preflight;
  const inner = route(app, method, path.slice(app.prefix.length));
  // ServerErrorMiddleware sits outside CORSMiddleware: the 500 it writes never gets CORS headers.
  if (inner === 'raise') return SERVER_ERROR();
  return app.cors ? app.cors.decorate(headers, inner) : inner;
}

export function nodeBackend(frontendOrigin: string): http.RequestListener {
  const mounts = apps(frontendOrigin);
  return (req, res) => {
    const a = answer(mounts, req.method ?? 'GET', req.url ?? '/', req.headers);
    // Only what uvicorn sends; Node adds its own connection headers, which no CORS check reads.
    res.sendDate = true;
    res.writeHead(a.status, a.headers.flat());
    res.end(req.method === 'HEAD' ? undefined : a.body);
  };
}
