// A minimal CDP client over --remote-debugging-pipe (fd 3 in, fd 4 out, NUL-separated JSON). The benchmark
// drives Chromium with it instead of Playwright, because Playwright auto-attaches to every target, including
// the extension's service worker, which then never idles and pays CDP overhead (docs/chromium-behaviour.md#service-worker-lifetime).
// Here only the targets the benchmark explicitly attaches to are under automation.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

type Listener = (params: Record<string, unknown>, sessionId?: string) => void;

export interface Cdp {
  send<T = Record<string, unknown>>(method: string, params?: object, sessionId?: string): Promise<T>;
  on(method: string, cb: Listener): () => void;
  close(): Promise<void>;
  process: ChildProcess;
}

export function launchOverPipe(executable: string, args: string[]): Cdp {
  const child = spawn(executable, [...args, '--remote-debugging-pipe'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  });
  const out = child.stdio[3] as Writable;
  const inp = child.stdio[4] as Readable;
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (v: never) => void; reject: (e: Error) => void; method: string }
  >();
  const listeners = new Map<string, Set<Listener>>();
  let buf = '';
  inp.setEncoding('utf8');
  inp.on('data', (chunk: string) => {
    buf += chunk;
    for (let i = buf.indexOf('\0'); i >= 0; i = buf.indexOf('\0')) {
      const msg = JSON.parse(buf.slice(0, i)) as {
        id?: number;
        result?: never;
        error?: { message: string };
        method?: string;
        params?: Record<string, unknown>;
        sessionId?: string;
      };
      buf = buf.slice(i + 1);
      if (msg.id !== undefined) {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(`${p.method}: ${msg.error.message}`));
        else p?.resolve(msg.result as never);
      } else if (msg.method)
        for (const cb of listeners.get(msg.method) ?? []) cb(msg.params ?? {}, msg.sessionId);
    }
  });
  return {
    process: child,
    send<T>(method: string, params: object = {}, sessionId?: string): Promise<T> {
      const id = nextId++;
      const done = new Promise<T>((resolve, reject) => pending.set(id, { resolve: resolve, reject, method }));
      out.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
      return done;
    },
    on(method, cb) {
      const set = listeners.get(method) ?? new Set();
      listeners.set(method, set);
      set.add(cb);
      return () => set.delete(cb);
    },
    async close() {
      const exited = new Promise((r) => child.once('exit', r));
      await this.send('Browser.close').catch(() => undefined);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export async function findTarget(
  cdp: Cdp,
  pred: (t: TargetInfo) => boolean,
  timeoutMs = 15_000,
): Promise<TargetInfo> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { targetInfos } = await cdp.send<{ targetInfos: TargetInfo[] }>('Target.getTargets', {
      filter: [{}],
    });
    const t = targetInfos.find(pred);
    if (t) return t;
    if (Date.now() > deadline) throw new Error('target not found');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Attaches (flat) and returns an evaluate function for that target. */
export async function attach(cdp: Cdp, targetId: string) {
  const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', {
    targetId,
    flatten: true,
  });
  return {
    sessionId,
    async evaluate<T>(expression: string): Promise<T> {
      const r = await cdp.send<{
        result: { value?: T };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
      if (r.exceptionDetails)
        throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
      return r.result.value as T;
    },
  };
}
