// FastAPI 0.92 / Starlette 0.26 under uvicorn: the seed's case and Starlette's own failure shapes.
import { writeFiles, fill } from '../harness.ts';
import type { Target } from '../target.ts';
import { missingModules, PY } from './py.ts';

const FASTAPI = `from fastapi import FastAPI, Response

app = FastAPI()

@@CORS_0@@


@app.get("/api/chat")
def get_chat(response: Response):
    response.headers["X-Request-Id"] = "r-1"
    return {"ok": True}


@app.post("/api/chat")
def post_chat(response: Response):
    response.headers["X-Request-Id"] = "r-1"
    return {"ok": True}


@app.get("/api/boom")
def boom():
    raise RuntimeError("boom")


@@CORS_1@@
`;

export const fastapi: Target = {
  backend: 'fastapi',
  label: 'FastAPI 0.92 / Starlette 0.26',
  missing: missingModules(['fastapi', 'uvicorn']),
  variants: [
    {
      id: 'no-middleware-get',
      bug: 'no CORS middleware, credentialed GET',
      shape: 'get-cred',
      broken: () => [''],
      chrome: 'MissingAllowOriginHeader',
      cause: 'MissingAllowOriginHeader',
    },
    {
      // The seed's own case (README): a credentialed JSON POST whose preflight FastAPI answers 405.
      id: 'seed',
      bug: 'no CORS middleware, credentialed JSON POST: OPTIONS 405 (the seed)',
      shape: 'post-json',
      broken: () => [''],
      chrome: 'PreflightMissingAllowOriginHeader',
      cause: 'preflight-not-handled',
      realStatus: 405,
    },
    {
      id: 'wildcard',
      bug: 'allow_origins=["*"] + credentials, no cookie',
      shape: 'get-cred',
      chrome: 'WildcardOriginNotAllowed',
      cause: 'WildcardOriginNotAllowed',
      broken: () => [
        'from fastapi.middleware.cors import CORSMiddleware\napp.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, expose_headers=["x-request-id"])',
      ],
    },
    {
      id: 'trailing-slash',
      bug: 'allowed origin written with a trailing slash: preflight 400',
      shape: 'post-json',
      chrome: 'PreflightMissingAllowOriginHeader',
      cause: 'PreflightMissingAllowOriginHeader',
      realStatus: 400,
      broken: (c) => [
        `from fastapi.middleware.cors import CORSMiddleware\napp.add_middleware(CORSMiddleware, allow_origins=["${c.origin}/"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"])`,
      ],
    },
    {
      id: 'headers',
      bug: 'default allow_headers: Authorization refused (400)',
      shape: 'post-json',
      chrome: 'PreflightInvalidStatus',
      cause: 'PreflightInvalidStatus',
      realStatus: 400,
      broken: (c) => [
        `from fastapi.middleware.cors import CORSMiddleware\napp.add_middleware(CORSMiddleware, allow_origins=["${c.origin}"], allow_credentials=True, allow_methods=["POST"])`,
      ],
    },
    {
      id: 'boom',
      bug: 'add_middleware: the 500 loses CORS',
      shape: 'boom',
      chrome: 'MissingAllowOriginHeader',
      cause: 'server-error-without-cors',
      realStatus: 500,
      broken: (c) => [
        `from fastapi.middleware.cors import CORSMiddleware\napp.add_middleware(CORSMiddleware, allow_origins=["${c.origin}"], allow_credentials=True)`,
      ],
    },
  ],
  // Where each snippet says it goes: add_middleware right after app = FastAPI(), the wrapping form at the very end.
  regionsOf: (fix) =>
    fix.snippets
      .map((s) => s.code)
      .flatMap((code, i) => (fix.snippets[i]?.where.includes('at the very end') ? ['', code] : [code, ''])),
  prepare: (dir, regions, c) => {
    writeFiles(dir, { 'main.py': fill(FASTAPI, regions) });
    return Promise.resolve({
      cmd: PY,
      args: [
        '-m',
        'uvicorn',
        'main:app',
        '--host',
        '127.0.0.1',
        '--port',
        String(c.apiPort),
        '--log-level',
        'warning',
      ],
      cwd: dir,
      port: c.apiPort,
    });
  },
};
