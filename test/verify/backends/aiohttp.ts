// aiohttp 3.8 + aiohttp-cors 0.7: routes left out of cors.add() and errors outside aiohttp_cors.
import { writeFiles, fill } from '../harness.ts';
import { errorVariant, type Target } from '../target.ts';
import { missingModules, PY } from './py.ts';

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

if __name__ == "__main__":  # the emitted regression test imports app
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
    errorVariant('no aiohttp_cors: the 500 has no CORS'),
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
