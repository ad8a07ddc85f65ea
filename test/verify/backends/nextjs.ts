// Next.js route handlers with the App Router's dispatch emulated (the next package is not a devDependency): one
// export per method; OPTIONS without an export gets 204 + Allow and no CORS headers; other missing methods 405;
// a thrown error 500 without CORS (nextjs.org route.js reference). The generated TypeScript runs under tsx with
// the '@/' alias create-next-app sets up.
import { writeFiles, fill } from '../harness.ts';
import type { Target } from '../target.ts';

const SERVER = `import { serve } from '@hono/node-server';
import * as route from './app/api/chat/route.ts';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;
const handlers = route as unknown as Record<string, ((r: Request, c: unknown) => Promise<Response> | Response) | undefined>;
const allow = METHODS.filter((m) => typeof handlers[m] === 'function' || m === 'OPTIONS').join(', ');

serve({
  port: Number(process.env.PORT),
  hostname: '127.0.0.1',
  fetch: async (request: Request) => {
    if (new URL(request.url).pathname !== '/api/chat') return new Response('Not Found', { status: 404 });
    const handler = handlers[request.method];
    if (handler === undefined) {
      return request.method === 'OPTIONS' ? new Response(null, { status: 204, headers: { Allow: allow } }) : new Response(null, { status: 405, headers: { Allow: allow } });
    }
    try {
      return await handler(request, { params: Promise.resolve({}) });
    } catch {
      return new Response('Internal Server Error', { status: 500 });
    }
  },
});
`;

const ROUTE = `// The app's own handlers, renamed as the fix asks (handleGET, handlePOST).
async function handleGET(request: Request): Promise<Response> {
  return Response.json({ ok: true, method: request.method }, { headers: { 'X-Request-Id': 'r-1' } });
}
const handlePOST = handleGET;

@@CORS_1@@
`;

const TSCONFIG = JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } });

export const nextjs: Target = {
  backend: 'nextjs',
  label: 'Next.js route handlers (dispatch emulated)',
  missing: () => null,
  variants: [
    {
      id: 'none',
      bug: 'handlers without CORS headers',
      shape: 'get-cred',
      broken: () => ['', 'export const GET = handleGET;\nexport const POST = handlePOST;'],
      chrome: 'MissingAllowOriginHeader',
      cause: 'MissingAllowOriginHeader',
    },
    {
      id: 'no-options',
      bug: 'headers set in the handlers, no OPTIONS export: Next answers 204 + Allow',
      shape: 'post-json',
      chrome: 'PreflightMissingAllowOriginHeader',
      cause: 'PreflightMissingAllowOriginHeader',
      realStatus: 204,
      broken: (c) => [
        '',
        `const cors = { 'Access-Control-Allow-Origin': '${c.origin}', 'Access-Control-Allow-Credentials': 'true' };\nexport async function POST(request: Request) {\n  const r = await handlePOST(request);\n  for (const [k, v] of Object.entries(cors)) r.headers.set(k, v);\n  return r;\n}`,
      ],
    },
  ],
  prepare: (dir, regions, c) => {
    writeFiles(dir, {
      'server.ts': SERVER,
      'lib/cors.ts': fill('@@CORS_0@@\n', regions),
      'app/api/chat/route.ts': fill(ROUTE, regions),
      'tsconfig.json': TSCONFIG,
    });
    return Promise.resolve({
      cmd: process.execPath,
      args: ['--import', 'tsx', 'server.ts'],
      cwd: dir,
      env: { PORT: String(c.apiPort) },
      port: c.apiPort,
    });
  },
};
