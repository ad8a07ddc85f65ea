// Shared by the CLI tests: run a command in-process with captured output, and loopback servers on port 0.
import { execFile } from 'node:child_process';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { main } from '../../../src/cli/main.ts';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `cors-lens <argv>` in this process; stdout and stderr are captured, the exit code returned. */
export async function cli(argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

/** Listens on 127.0.0.1 on a free port; resolves with the port. */
export async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((r) => {
    server.listen(0, '127.0.0.1', r);
  });
  return (server.address() as AddressInfo).port;
}

export async function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((r) => {
    server.close(() => {
      r();
    });
  });
}

/** Runs the real launcher in a child process, as `npx cors-lens` does. */
export function runBin(argv: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const options = { timeout: 90_000, env: { ...process.env, ...env } };
    execFile(process.execPath, ['bin/cors-lens.mjs', ...argv], options, (error, out, err) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, out, err });
    });
  });
}
