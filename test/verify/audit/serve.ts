// Starts one configuration of a matrix backend (its template with these regions) for the audit pass, with the plain
// upstream the proxies need; the same launchers as the matrix (backends/*), stopped by process group.
import { freePort, start, stop, workDir, writeFiles, type Running } from '../harness.ts';
import { UPSTREAM } from '../backends/proxies.ts';
import type { Ctx, Target } from '../target.ts';

export interface Served {
  base: string;
  dir: string;
  stop: () => Promise<void>;
}

export async function ctxFor(origin: string): Promise<Ctx> {
  return {
    origin,
    otherOrigin: 'http://127.0.0.1:9',
    apiPort: await freePort(),
    upstreamPort: await freePort(),
  };
}

export async function serveConfig(
  t: Target,
  regions: string[],
  c: Ctx,
  label: string,
  upstreamAcao?: string,
): Promise<Served> {
  const running: Running[] = [];
  const stopAll = async (): Promise<void> => {
    await Promise.all(running.map(stop));
  };
  try {
    if (t.needsUpstream === true) {
      const udir = workDir(`audit-${t.backend}-${label}-upstream`);
      writeFiles(udir, { 'upstream.mjs': UPSTREAM });
      running.push(
        await start({
          cmd: process.execPath,
          args: ['upstream.mjs'],
          cwd: udir,
          env: { PORT: String(c.upstreamPort), ...(upstreamAcao ? { UPSTREAM_ACAO: upstreamAcao } : {}) },
          port: c.upstreamPort,
        }),
      );
    }
    const dir = workDir(`audit-${t.backend}-${label}`);
    running.push(await start(await t.prepare(dir, regions, c)));
    return { base: `http://127.0.0.1:${c.apiPort}`, dir, stop: stopAll };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
