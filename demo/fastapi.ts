// Runs the real FastAPI app (demo/backend/main.py) under uvicorn when a python3 that imports fastapi and uvicorn is
// at hand: DEMO_PYTHON, else python3 on PATH, else Debian's /usr/bin/python3.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const APP_DIR = fileURLToPath(new URL('./backend/', import.meta.url));

export interface Python {
  path: string;
  /** e.g. "FastAPI 0.92.0, Starlette 0.26.1, uvicorn 0.17.6" */
  versions: string;
  starletteMajor: number;
}

const PROBE =
  'import fastapi, starlette, uvicorn; print(fastapi.__version__, starlette.__version__, uvicorn.__version__)';

/** The first python3 that can run the app, or null. */
export function findFastApi(): Python | null {
  const candidates = [process.env.DEMO_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string =>
    Boolean(p),
  );
  for (const path of candidates) {
    const r = spawnSync(path, ['-c', PROBE], { encoding: 'utf8', timeout: 20_000 });
    const [fastapi, starlette, uvicorn] = r.status === 0 ? r.stdout.trim().split(' ') : [];
    if (fastapi && starlette && uvicorn)
      return {
        path,
        versions: `FastAPI ${fastapi}, Starlette ${starlette}, uvicorn ${uvicorn}`,
        starletteMajor: Number(starlette.split('.')[0]),
      };
  }
  return null;
}

const connects = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => {
      resolve(false);
    });
  });

export interface RunningApp {
  /** What uvicorn printed (its tracebacks for the demo's 500 included). */
  output(): string;
  close(): Promise<void>;
}

/** Starts uvicorn on 127.0.0.1:port and resolves once it accepts connections. */
export async function startFastApi(py: Python, port: number, frontendOrigin: string): Promise<RunningApp> {
  const child: ChildProcess = spawn(
    py.path,
    ['-m', 'uvicorn', 'main:app', '--host', '127.0.0.1', '--port', String(port), '--log-level', 'warning'],
    {
      cwd: APP_DIR,
      env: { ...process.env, DEMO_FRONTEND_ORIGIN: frontendOrigin },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`uvicorn exited ${child.exitCode}: ${out.trim()}`);
    if (await connects(port)) return { output: () => out, close: () => close() };
    await new Promise((r) => setTimeout(r, 100));
  }
  await close();
  throw new Error(`uvicorn did not listen on ${port} within 20 s: ${out.trim()}`);
}
