// Python backends on Debian's own interpreter (/usr/bin/python3 sees the python3-* packages; a pyenv python would not).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { writeFiles, fill } from '../harness.ts';
import type { Target } from '../target.ts';

const PY = '/usr/bin/python3';
const missingModules = (mods: string[]) => (): string | null => {
  if (!existsSync(PY)) return 'no /usr/bin/python3 (not Debian?)';
  const r = spawnSync(PY, ['-c', `import ${mods.join(', ')}`]);
  return r.status === 0
    ? null
    : `python modules missing: ${mods.join(', ')} (run test/verify/install.sh as root)`;
};

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
      id: 'seed',
      bug: 'no CORS middleware, credentialed GET (the seed)',
      shape: 'get-cred',
      broken: () => [''],
      chrome: 'MissingAllowOriginHeader',
      cause: 'MissingAllowOriginHeader',
    },
    {
      id: 'no-preflight',
      bug: 'no CORS middleware: OPTIONS 405',
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

const FLASK = `from flask import Flask, jsonify

app = Flask(__name__)

@@CORS_0@@


@app.route("/api/chat", methods=["GET", "POST"])
def chat():
    resp = jsonify(ok=True)
    resp.headers["X-Request-Id"] = "r-1"
    return resp


@app.route("/api/boom")
def boom():
    raise RuntimeError("boom")
`;

export const flask: Target = {
  backend: 'flask',
  label: 'Flask 2.2 / flask-cors 3.0.10',
  missing: missingModules(['flask', 'flask_cors']),
  variants: [
    {
      id: 'bare',
      bug: 'bare CORS(app): origin reflected, no ACAC',
      shape: 'get-cred',
      broken: () => ['from flask_cors import CORS\nCORS(app)'],
      chrome: 'InvalidAllowCredentials',
      cause: 'InvalidAllowCredentials',
    },
    {
      id: 'boom',
      bug: 'no flask-cors: the 500 has no CORS',
      shape: 'boom',
      broken: () => [''],
      chrome: 'MissingAllowOriginHeader',
      cause: 'server-error-without-cors',
      realStatus: 500,
    },
    {
      id: 'none',
      bug: 'no flask-cors: automatic OPTIONS without CORS',
      shape: 'post-json',
      broken: () => [''],
      chrome: 'PreflightMissingAllowOriginHeader',
      cause: 'PreflightMissingAllowOriginHeader',
      realStatus: 200,
    },
  ],
  prepare: (dir, regions, c) => {
    writeFiles(dir, { 'app.py': fill(FLASK, regions) });
    return Promise.resolve({
      cmd: PY,
      args: ['-m', 'flask', '--app', 'app', 'run', '--host', '127.0.0.1', '--port', String(c.apiPort)],
      cwd: dir,
      port: c.apiPort,
    });
  },
};

const AIOHTTP = `import os
from aiohttp import web


async def chat(request):
    return web.json_response({"ok": True}, headers={"X-Request-Id": "r-1"})


async def boom(request):
    raise RuntimeError("boom")


app = web.Application()
app.router.add_get("/api/chat", chat)
app.router.add_post("/api/chat", chat)
app.router.add_get("/api/boom", boom)

@@CORS_0@@

web.run_app(app, host="127.0.0.1", port=int(os.environ["PORT"]), print=None)
`;

export const aiohttp: Target = {
  backend: 'aiohttp',
  label: 'aiohttp 3.8 / aiohttp-cors 0.7',
  missing: missingModules(['aiohttp', 'aiohttp_cors']),
  variants: [
    {
      id: 'not-added',
      bug: 'routes not passed to cors.add(): OPTIONS 405',
      shape: 'post-json',
      chrome: 'PreflightMissingAllowOriginHeader',
      cause: 'preflight-not-handled',
      realStatus: 405,
      broken: (c) => [
        `import aiohttp_cors\ncors = aiohttp_cors.setup(app, defaults={"${c.origin}": aiohttp_cors.ResourceOptions(allow_credentials=True, allow_headers="*")})`,
      ],
    },
    {
      id: 'boom',
      bug: 'no aiohttp_cors: the 500 has no CORS',
      shape: 'boom',
      broken: () => [''],
      chrome: 'MissingAllowOriginHeader',
      cause: 'server-error-without-cors',
      realStatus: 500,
    },
  ],
  prepare: (dir, regions, c) => {
    writeFiles(dir, { 'app.py': fill(AIOHTTP, regions) });
    return Promise.resolve({
      cmd: PY,
      args: ['app.py'],
      cwd: dir,
      env: { PORT: String(c.apiPort) },
      port: c.apiPort,
    });
  },
};

const DJANGO = `import sys

from django.conf import settings
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

DEBUG = False
SECRET_KEY = "verify-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = __name__
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth"]
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]

@@CORS_0@@

settings.configure(**{k: v for k, v in dict(globals()).items() if k.isupper()})


@csrf_exempt
def chat(request):
    resp = JsonResponse({"ok": True})
    resp["X-Request-Id"] = "r-1"
    return resp


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("api/chat", chat), path("api/boom", boom)]

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
`;

export const django: Target = {
  backend: 'django',
  label: 'Django 3.2 / django-cors-headers 3.14',
  missing: missingModules(['django', 'corsheaders']),
  variants: [
    {
      id: 'order-127',
      bug: 'CorsMiddleware after CommonMiddleware, 127.0.0.1 listed for a localhost page',
      shape: 'get-cred',
      chrome: 'MissingAllowOriginHeader',
      cause: 'MissingAllowOriginHeader',
      broken: (c) => [
        `INSTALLED_APPS = [*INSTALLED_APPS, "corsheaders"]\nMIDDLEWARE = [*MIDDLEWARE, "corsheaders.middleware.CorsMiddleware"]\nCORS_ALLOWED_ORIGINS = ["${c.otherOrigin}"]\nCORS_ALLOW_CREDENTIALS = True`,
      ],
    },
    {
      id: 'boom',
      bug: 'no django-cors-headers: the 500 has no CORS',
      shape: 'boom',
      broken: () => [''],
      chrome: 'MissingAllowOriginHeader',
      cause: 'server-error-without-cors',
      realStatus: 500,
    },
    {
      id: 'none',
      bug: 'no django-cors-headers: the view answers OPTIONS',
      shape: 'post-json',
      broken: () => [''],
      chrome: 'PreflightMissingAllowOriginHeader',
      cause: 'PreflightMissingAllowOriginHeader',
      realStatus: 200,
    },
  ],
  prepare: (dir, regions, c) => {
    writeFiles(dir, { 'app.py': fill(DJANGO, regions) });
    return Promise.resolve({
      cmd: PY,
      args: ['app.py', 'runserver', `127.0.0.1:${c.apiPort}`, '--noreload'],
      cwd: dir,
      port: c.apiPort,
    });
  },
};
