// Process and file plumbing for the verification matrix: free loopback ports, servers started in their own process
// group and stopped by that group id (never by name), and templates whose @@CORS_n@@ regions take the config.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      s.close(() => {
        resolve(port);
      });
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => {
      resolve(false);
    });
  });
}

export interface Launch {
  cmd: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  port: number;
  /** How long it may take to listen (and answer the warm-up requests); default 20 s. */
  timeoutMs?: number;
  /** Paths requested (GET, any status) once it listens, so a dev server compiles them before Chromium asks. */
  warm?: string[];
}

export interface Running {
  child: ChildProcess;
  output: () => string;
}

/** One GET on loopback: true once the server answered anything (compile errors included), false on a socket error. */
function answers(port: number, p: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: p, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('timeout', () => {
      req.destroy();
    });
    req.on('error', () => {
      resolve(false);
    });
  });
}

/** Starts a server in its own process group and waits until its port accepts connections (and the warm paths answer). */
export async function start(l: Launch, timeoutMs = l.timeoutMs ?? 20_000): Promise<Running> {
  const child = spawn(l.cmd, l.args, {
    cwd: l.cwd,
    env: { ...process.env, ...l.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer): void => {
    out = (out + b.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const running = { child, output: () => out };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${l.cmd} exited ${child.exitCode}: ${out}`);
    if (await canConnect(l.port)) {
      let warm = true;
      for (const p of l.warm ?? [])
        warm = warm && (await answers(l.port, p, Math.max(1000, deadline - Date.now())));
      if (warm) return running;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop(running);
  throw new Error(`${l.cmd} did not listen on ${l.port} within ${timeoutMs} ms: ${out}`);
}

/** Stops the whole process group by its id: SIGTERM, then SIGKILL after 2 s. */
export async function stop(r: Running): Promise<void> {
  const pid = r.child.pid;
  if (pid === undefined || r.child.exitCode !== null || r.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) =>
    r.child.once('exit', () => {
      resolve();
    }),
  );
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, 2000);
  await exited;
  clearTimeout(timer);
}

/** Runs a command to completion (Go builds); rejects with its output on failure. */
export function run(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} failed (${code}): ${out.slice(-3000)}`));
    });
  });
}

const ROOT = mkdtempSync(path.join(tmpdir(), 'cors-lens-verify-'));
let counter = 0;

/** A fresh directory for one server, with node_modules linked so ESM imports resolve from the repo. */
export function workDir(name: string): string {
  const dir = path.join(ROOT, `${String(counter++).padStart(3, '0')}-${name}`);
  mkdirSync(dir, { recursive: true });
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
}

/** Fills the @@CORS_n@@ regions of a template, indenting each inserted line like the marker. */
export function fill(template: string, regions: readonly string[]): string {
  return template.replace(/^([ \t]*)@@CORS_(\d+)@@$/gm, (_m, indent: string, n: string) =>
    (regions[Number(n)] ?? '')
      .split('\n')
      .map((l) => (l === '' ? '' : indent + l))
      .join('\n'),
  );
}

export const exists = (p: string): boolean => existsSync(p);

/** null when the repo's node_modules holds these packages, else the gap reason. */
export const missingPackages = (pkgs: string[]) => (): string | null => {
  const gone = pkgs.filter((p) => !existsSync(path.join(REPO, 'node_modules', p, 'package.json')));
  return gone.length === 0 ? null : `not installed: ${gone.join(', ')} (run npm ci)`;
};
export const workRoot = ROOT;
