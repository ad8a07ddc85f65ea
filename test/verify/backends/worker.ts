// Cloudflare Workers, emulated: the generated Worker module runs unchanged on Node's fetch API behind
// @hono/node-server (not workerd), and its fetch(request) reaches the plain upstream the proxies use, which is
// what a Worker route's fetch(request) reaches: the origin server.
import { writeFiles, fill } from '../harness.ts';
import type { Target } from '../target.ts';

const APP = `import { serve } from '@hono/node-server';
import worker from './worker.mjs';

const upstream = 'http://127.0.0.1:' + process.env.UPSTREAM_PORT;
const nodeFetch = globalThis.fetch;
// A Worker's fetch(request) goes to the origin behind the route: here, the upstream.
globalThis.fetch = (request) => {
  const url = new URL(request.url);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return nodeFetch(upstream + url.pathname + url.search, { method: request.method, headers: request.headers, ...(hasBody ? { body: request.body, duplex: 'half' } : {}) });
};
serve({ fetch: (request) => worker.fetch(request, {}, { waitUntil() {}, passThroughOnException() {} }), port: Number(process.env.PORT), hostname: '127.0.0.1' });
`;

const PASSTHROUGH = 'export default {\n  fetch: (request) => fetch(request),\n};\n';

export const cloudflare: Target = {
  backend: 'cloudflare',
  label: 'Cloudflare Worker (Node emulation)',
  missing: () => null,
  needsUpstream: true,
  variants: [
    {
      id: 'passthrough',
      bug: 'Worker passes everything to the origin: no CORS',
      shape: 'get-cred',
      broken: () => [PASSTHROUGH],
      chrome: 'MissingAllowOriginHeader',
      cause: 'MissingAllowOriginHeader',
    },
    {
      id: 'preflight',
      bug: 'Worker passes OPTIONS to the origin: 405',
      shape: 'post-json',
      broken: () => [PASSTHROUGH],
      chrome: 'PreflightMissingAllowOriginHeader',
      cause: 'preflight-not-handled',
      realStatus: 405,
    },
  ],
  prepare: (dir, regions, c) => {
    writeFiles(dir, { 'app.mjs': APP, 'worker.mjs': fill('@@CORS_0@@\n', regions) });
    return Promise.resolve({
      cmd: process.execPath,
      args: ['app.mjs'],
      cwd: dir,
      env: { PORT: String(c.apiPort), UPSTREAM_PORT: String(c.upstreamPort) },
      port: c.apiPort,
    });
  },
};
