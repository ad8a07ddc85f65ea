// Next.js 16.4 App Router, a real `next dev` (Turbopack) per server: the app (app/api/*/route.ts, lib/cors.ts,
// proxy.ts for the proxy variant) is written into the matrix's temp dir, outside the repo. Next resolves `next`
// from the app dir and Turbopack compiles only files under its root, so the app gets its own node_modules of
// symlinks into the repo's (plus a stub @types/react, whose absence makes Next run `npm install`) and
// turbopack.root is '/'. A preload refuses any fetch off loopback (Next's dev-only version check), and telemetry
// is off. The warm-up GETs make Turbopack compile the routes before Chromium asks.
import { existsSync, mkdirSync, readdirSync, symlinkSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { missingPackages, REPO, writeFiles, fill } from '../harness.ts';
import type { Target } from '../target.ts';

const NEXT_BIN = path.join(REPO, 'node_modules', 'next', 'dist', 'bin', 'next');

const CHAT = `// The app's own handlers, renamed as the fix asks (handleGET, handlePOST).
async function handleGET(request: Request): Promise<Response> {
  return Response.json({ ok: true, method: request.method }, { headers: { 'X-Request-Id': 'r-1' } });
}
const handlePOST = handleGET;

@@CORS_1@@
`;

const BOOM = `async function handleGET(): Promise<Response> {
  throw new Error('boom');
}

@@CORS_2@@
`;

const PLAIN = 'export const GET = handleGET;\nexport const POST = handlePOST;';

const LOOPBACK_ONLY = `// Loaded into every process of the dev server: only loopback is reachable.
const real = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
    return Promise.reject(new Error('verify matrix: loopback only, refused ' + url.href));
  return real(input, init);
};
`;

/** node_modules of symlinks into the repo's, with a stub @types/react (types are never checked by next dev). */
function linkModules(dir: string): void {
  const nm = path.join(dir, 'node_modules');
  unlinkSync(nm); // workDir's symlink to the whole tree: Next would `npm install` @types/react through it
  mkdirSync(path.join(nm, '@types'), { recursive: true });
  const src = path.join(REPO, 'node_modules');
  for (const name of readdirSync(src))
    if (name !== '@types') symlinkSync(path.join(src, name), path.join(nm, name));
  for (const name of readdirSync(path.join(src, '@types')))
    symlinkSync(path.join(src, '@types', name), path.join(nm, '@types', name));
  writeFiles(nm, {
    '@types/react/package.json': JSON.stringify({
      name: '@types/react',
      version: '19.0.0',
      types: 'index.d.ts',
    }),
    '@types/react/index.d.ts': 'export {};\n',
  });
}

export const nextjs: Target = {
  backend: 'nextjs',
  label: 'Next.js 16.4 App Router (next dev)',
  // Turbopack needs the native SWC binary, an optional dependency npm installs only for this platform.
  missing: () =>
    missingPackages(['next', 'react', 'react-dom'])() ??
    (existsSync(path.join(REPO, 'node_modules', '@next', `swc-${process.platform}-${process.arch}-gnu`))
      ? null
      : `no @next/swc-${process.platform}-${process.arch}-gnu in node_modules (Turbopack's native binary)`),
  variants: [
    {
      id: 'none',
      bug: 'handlers without CORS headers',
      shape: 'get-cred',
      broken: () => ['', PLAIN, '', ''],
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
        '',
        '',
      ],
    },
    {
      id: 'boom',
      bug: 'the handler throws: Next answers 500 without CORS',
      shape: 'boom',
      broken: () => ['', PLAIN, 'export const GET = handleGET;', ''],
      chrome: 'MissingAllowOriginHeader',
      cause: 'server-error-without-cors',
      realStatus: 500,
    },
    {
      id: 'proxy-wildcard',
      bug: 'proxy.ts sets * with credentials on /api/* (fixed: proxy.ts replaced by the route fix)',
      shape: 'get-cred',
      broken: () => [
        '',
        PLAIN,
        '',
        `import { NextResponse } from 'next/server';\n\nexport function proxy() {\n  const response = NextResponse.next();\n  response.headers.set('Access-Control-Allow-Origin', '*');\n  response.headers.set('Access-Control-Allow-Credentials', 'true');\n  return response;\n}\n\nexport const config = { matcher: '/api/:path*' };`,
      ],
      chrome: 'WildcardOriginNotAllowed',
      cause: 'WildcardOriginNotAllowed',
    },
  ],
  // lib/cors.ts, then the route file the fix names (chat or boom); the fixed app has no proxy.ts.
  regionsOf: (fix) => {
    const helper = fix.snippets[0]?.code ?? '';
    const route = fix.snippets[1];
    if (route === undefined) return [helper, '', '', ''];
    const boom = route.where.startsWith('app/api/boom/');
    return [helper, boom ? '' : route.code, boom ? route.code : '', ''];
  },
  prepare: (dir, regions, c) => {
    linkModules(dir);
    const proxy = regions[3] ?? '';
    writeFiles(dir, {
      'package.json': JSON.stringify({ private: true }),
      'next.config.mjs': "export default { turbopack: { root: '/' } };\n",
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } }),
      'loopback-only.cjs': LOOPBACK_ONLY,
      'lib/cors.ts': fill('@@CORS_0@@\n', regions),
      'app/api/chat/route.ts': fill(CHAT, regions),
      'app/api/boom/route.ts': fill(BOOM, regions),
      ...(proxy === '' ? {} : { 'proxy.ts': proxy + '\n' }),
    });
    return Promise.resolve({
      cmd: process.execPath,
      args: [NEXT_BIN, 'dev', '-p', String(c.apiPort), '-H', '127.0.0.1'],
      cwd: dir,
      env: {
        NEXT_TELEMETRY_DISABLED: '1',
        NODE_OPTIONS: `--require ${path.join(dir, 'loopback-only.cjs')}`,
      },
      port: c.apiPort,
      timeoutMs: 90_000,
      warm: ['/api/chat', '/api/boom'],
    });
  },
};
