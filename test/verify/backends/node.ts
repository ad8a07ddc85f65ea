// Node backends from the repo's node_modules (each server dir links it). Templates are ESM, so a snippet's
// `import` line is valid wherever its region sits at the top level.
import { writeFiles, fill } from '../harness.ts';
import { errorVariant, type Target } from '../target.ts';

const launch = (dir: string, port: number) => ({
  cmd: process.execPath,
  args: ['app.mjs'],
  cwd: dir,
  env: { PORT: String(port) },
  port,
});

const EXPRESS = `import express from 'express';

const app = express();

@@CORS_0@@

const chat = (req, res) => {
  res.set('X-Request-Id', 'r-1').json({ ok: true });
};
app.get('/api/chat', chat);
app.post('/api/chat', chat);
app.get('/api/boom', () => {
  throw new Error('boom');
});
app.listen(Number(process.env.PORT), '127.0.0.1');
`;

export const express: Target = {
  backend: 'express',
  label: 'Express 5.3 / cors 2.8.6',
  missing: () => null,
  variants: [
    {
      id: 'none',
      bug: 'no cors(), credentialed GET',
      shape: 'get-cred',
      broken: () => [''],
      chrome: 'MissingAllowOriginHeader',
      cause: 'MissingAllowOriginHeader',
    },
    {
      id: 'per-route',
      bug: 'cors() on the POST route only: Express answers OPTIONS',
      shape: 'post-json',
      chrome: 'PreflightMissingAllowOriginHeader',
      cause: 'PreflightMissingAllowOriginHeader',
      realStatus: 200,
      broken: (c) => [
        `import cors from 'cors';\napp.post('/api/chat', cors({ origin: '${c.origin}', credentials: true }));`,
      ],
    },
    {
      id: 'headers',
      bug: "allowedHeaders: ['content-type']: Authorization refused",
      shape: 'post-json',
      chrome: 'HeaderDisallowedByPreflightResponse',
      cause: 'HeaderDisallowedByPreflightResponse',
      broken: (c) => [
        `import cors from 'cors';\napp.use(cors({ origin: '${c.origin}', credentials: true, allowedHeaders: ['content-type'] }));`,
      ],
    },
    {
      id: 'wrong-origin',
      bug: 'origin configured for another dev port',
      shape: 'get-cred',
      chrome: 'AllowOriginMismatch',
      cause: 'AllowOriginMismatch',
      broken: () => [
        "import cors from 'cors';\napp.use(cors({ origin: 'http://localhost:5173', credentials: true }));",
      ],
    },
    errorVariant('no cors(): the 500 has no CORS'),
    {
      id: 'wildcard',
      bug: 'cors({ credentials: true }): * with credentials',
      shape: 'get-cred',
      broken: () => ["import cors from 'cors';\napp.use(cors({ credentials: true }));"],
      chrome: 'WildcardOriginNotAllowed',
      cause: 'WildcardOriginNotAllowed',
    },
  ],
  prepare: (dir, regions, c) => {
    writeFiles(dir, { 'app.mjs': fill(EXPRESS, regions) });
    return Promise.resolve(launch(dir, c.apiPort));
  },
};

const FASTIFY = `import Fastify from 'fastify';

const fastify = Fastify();

@@CORS_0@@

const chat = async (request, reply) => {
  reply.header('X-Request-Id', 'r-1');
  return { ok: true };
};
fastify.get('/api/chat', chat);
fastify.post('/api/chat', chat);
fastify.patch('/api/chat', chat);
fastify.get('/api/boom', async () => {
  throw new Error('boom');
});
await fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;

export const fastify: Target = {
  backend: 'fastify',
  label: 'Fastify 5.12 / @fastify/cors 11.4',
  missing: () => null,
  variants: [
    errorVariant('no @fastify/cors: the 500 has no CORS'),
    {
      id: 'wildcard',
      bug: 'register(cors, { credentials: true }): * with credentials',
      shape: 'get-cred',
      broken: () => [
        "import cors from '@fastify/cors';\nawait fastify.register(cors, { credentials: true });",
      ],
      chrome: 'WildcardOriginNotAllowed',
      cause: 'WildcardOriginNotAllowed',
    },
    {
      id: 'patch',
      bug: 'default methods (GET,HEAD,POST): PATCH refused',
      shape: 'patch',
      chrome: 'MethodDisallowedByPreflightResponse',
      cause: 'MethodDisallowedByPreflightResponse',
      broken: (c) => [
        `import cors from '@fastify/cors';\nawait fastify.register(cors, { origin: '${c.origin}', credentials: true });`,
      ],
    },
  ],
  prepare: (dir, regions, c) => {
    writeFiles(dir, { 'app.mjs': fill(FASTIFY, regions) });
    return Promise.resolve(launch(dir, c.apiPort));
  },
};

const KOA = `import Koa from 'koa';
import Router from '@koa/router';

const app = new Koa();
const router = new Router();

@@CORS_0@@

const chat = (ctx) => {
  ctx.set('X-Request-Id', 'r-1');
  ctx.body = { ok: true };
};
router.get('/api/chat', chat);
router.post('/api/chat', chat);
router.get('/api/boom', () => {
  throw new Error('boom');
});
app.use(router.routes());
app.use(router.allowedMethods());
app.listen(Number(process.env.PORT), '127.0.0.1');
`;

export const koa: Target = {
  backend: 'koa',
  label: 'Koa 3.2 / @koa/cors 5 / @koa/router 15',
  missing: () => null,
  variants: [
    {
      id: 'none',
      bug: 'no @koa/cors: router.allowedMethods() answers OPTIONS',
      shape: 'post-json',
      broken: () => [''],
      chrome: 'PreflightMissingAllowOriginHeader',
      cause: 'PreflightMissingAllowOriginHeader',
      realStatus: 200,
    },
    errorVariant('no @koa/cors: the 500 has no CORS'),
  ],
  prepare: (dir, regions, c) => {
    writeFiles(dir, { 'app.mjs': fill(KOA, regions) });
    return Promise.resolve(launch(dir, c.apiPort));
  },
};

const HONO = `import { Hono } from 'hono';
import { serve } from '@hono/node-server';

const app = new Hono();

@@CORS_0@@

const chat = (c) => {
  c.header('X-Request-Id', 'r-1');
  return c.json({ ok: true });
};
app.get('/api/chat', chat);
app.post('/api/chat', chat);
app.get('/api/boom', () => {
  throw new Error('boom');
});
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
`;

export const hono: Target = {
  backend: 'hono',
  label: 'Hono 4.13 / @hono/node-server 2.1',
  missing: () => null,
  variants: [
    errorVariant('no hono/cors: the 500 has no CORS'),
    {
      id: 'wildcard',
      bug: 'cors({ credentials: true }): * with credentials',
      shape: 'get-cred',
      broken: () => ["import { cors } from 'hono/cors';\napp.use('*', cors({ credentials: true }));"],
      chrome: 'WildcardOriginNotAllowed',
      cause: 'WildcardOriginNotAllowed',
    },
    {
      id: 'scoped',
      bug: 'cors() scoped to /v1/*: OPTIONS /api/chat 404',
      shape: 'post-json',
      chrome: 'PreflightMissingAllowOriginHeader',
      cause: 'preflight-not-handled',
      realStatus: 404,
      broken: (c) => [
        `import { cors } from 'hono/cors';\napp.use('/v1/*', cors({ origin: '${c.origin}', credentials: true }));`,
      ],
    },
  ],
  prepare: (dir, regions, c) => {
    writeFiles(dir, { 'app.mjs': fill(HONO, regions) });
    return Promise.resolve(launch(dir, c.apiPort));
  },
};
