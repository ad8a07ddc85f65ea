// One matrix cell: broken server → Chrome must fail with the expected cause; generated fix applied → Chrome must
// pass; a hostile origin (in Chrome, and a raw preflight from https://evil.example) must still be refused.
import http from 'node:http';
import type { Browser } from '@playwright/test';
import { runCheck } from '../../src/cli/check.ts';
import { diagnose } from '../../src/engine/index.ts';
import type { Diagnosis } from '../../src/engine/types.ts';
import { detectBackend, fixRequestFrom, generateFix, verifyFix } from '../../src/fixes/index.ts';
import type { Detection, Fix, FixInput } from '../../src/fixes/types.ts';
import { browserFetch, type FetchOutcome } from './browser.ts';
import { freePort, start, stop, workDir, writeFiles, type Running } from './harness.ts';
import { UPSTREAM } from './backends/proxies.ts';
import { SHAPES, fetchSpec } from './shapes.ts';
import type { Ctx, Target, Variant } from './target.ts';

export interface CellResult {
  backend: string;
  variant: Variant;
  status: 'pass' | 'fail';
  /** What Chrome said about the broken server. */
  brokenError: string | null;
  /** The engine's diagnosis code for the broken server (the panel's pipeline), when it got that far. */
  engineCode: string | null;
  detected: Detection[];
  /** The generated fix that was pasted into the server. */
  fix: Fix | null;
  steps: string[];
  ms: number;
}

const HOSTILE = 'https://evil.example';

/** A raw request from a hostile Origin (Node does not enforce CORS): the answer must not allow it. */
function hostileProbe(port: number, v: Variant): Promise<string | null> {
  const s = SHAPES[v.shape];
  const preflight = Object.keys(s.headers).length > 0 || !['GET', 'HEAD', 'POST'].includes(s.method);
  const headers: Record<string, string> = {
    origin: HOSTILE,
    ...(preflight
      ? {
          'access-control-request-method': s.method,
          'access-control-request-headers': Object.keys(s.headers).join(','),
        }
      : {}),
  };
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: s.path, method: preflight ? 'OPTIONS' : s.method, headers },
      (res) => {
        res.resume();
        const acao = res.headers['access-control-allow-origin'];
        resolve(acao === '*' || acao === HOSTILE ? `answered Access-Control-Allow-Origin: ${acao}` : null);
      },
    );
    req.on('error', (e) => {
      resolve(`probe failed: ${e.message}`);
    });
    req.end();
  });
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => {
        reject(new Error(`${what} timed out after ${ms} ms`));
      }, ms),
    ),
  ]);
}

const describeOutcome = (o: FetchOutcome): string =>
  o.ok
    ? `status ${o.status ?? '?'}${o.readValue === null ? '' : `, read x-request-id=${o.readValue}`}`
    : `blocked: ${o.corsError ?? o.error ?? '?'}${o.failedParameter ? ` (${o.failedParameter})` : ''}`;

async function serve(t: Target, regions: string[], c: Ctx, v: Variant, label: string): Promise<Running[]> {
  const running: Running[] = [];
  try {
    if (t.needsUpstream === true) {
      const udir = workDir(`${t.backend}-${v.id}-${label}-upstream`);
      writeFiles(udir, { 'upstream.mjs': UPSTREAM });
      const env: Record<string, string> = {
        PORT: String(c.upstreamPort),
        ...(v.upstreamAcao ? { UPSTREAM_ACAO: v.upstreamAcao(c) } : {}),
      };
      running.push(
        await start({ cmd: process.execPath, args: ['upstream.mjs'], cwd: udir, env, port: c.upstreamPort }),
      );
    }
    const dir = workDir(`${t.backend}-${v.id}-${label}`);
    running.push(await start(await t.prepare(dir, regions, c)));
    return running;
  } catch (e) {
    await Promise.all(running.map(stop));
    throw e;
  }
}

export async function runCell(
  browser: Browser,
  t: Target,
  v: Variant,
  pagePort: number,
): Promise<CellResult> {
  const t0 = Date.now();
  const steps: string[] = [];
  const origin = `http://localhost:${pagePort}`;
  const c: Ctx = {
    origin,
    otherOrigin: `http://127.0.0.1:${pagePort}`,
    apiPort: await freePort(),
    upstreamPort: await freePort(),
  };
  let engineCode: string | null = null;
  let detected: Detection[] = [];
  let fix: Fix | null = null;
  const done = (status: CellResult['status'], brokenError: string | null): CellResult => ({
    backend: t.backend,
    variant: v,
    status,
    brokenError,
    engineCode,
    detected,
    fix,
    steps,
    ms: Date.now() - t0,
  });
  let brokenError: string | null = null;
  try {
    // 1. The broken server fails in Chrome with the expected cause; the CLI's prober then asks the same server what a
    // browser asks, so the engine diagnoses it exactly as the panel would (with Chrome's verdict, as in precise mode).
    let servers = await serve(t, v.broken(c), c, v, 'broken');
    let o: FetchOutcome;
    let input: FixInput;
    try {
      o = await withTimeout(
        browserFetch(browser, origin, fetchSpec(v.shape, c.apiPort)),
        15_000,
        'broken fetch',
      );
      brokenError = o.corsError;
      steps.push(`broken: ${describeOutcome(o)}`);
      if (o.ok || o.corsError !== v.chrome) return done('fail', brokenError);
      const spec = fetchSpec(v.shape, c.apiPort);
      const check = await runCheck({
        url: spec.url,
        origin,
        method: spec.method,
        headers: Object.entries(spec.headers),
        credentials: true,
        backend: null,
        timeoutMs: 5000,
      });
      const observed = {
        ...check.observed,
        readHeaders: spec.read === null ? [] : [spec.read],
        chromeVerdict: { corsError: o.corsError, failedParameter: o.failedParameter ?? '' },
      };
      const diagnosis: Diagnosis = diagnose(observed);
      engineCode = diagnosis.code;
      const last = check.exchange.hops.at(-1);
      const pre = check.exchange.preflights.at(-1);
      detected = detectBackend(observed, {
        ...(pre ? { preflight: pre.bodySnippet } : {}),
        ...(last ? { response: last.bodySnippet } : {}),
      });
      const hints = diagnosis.hints.map((h) => h.code).join(',');
      steps.push(
        `engine: ${diagnosis.code}${diagnosis.realStatus === null ? '' : ` (status ${diagnosis.realStatus})`}${hints === '' ? '' : ` hints ${hints}`}; detected: ${detected.map((d) => `${d.backend}/${d.confidence}`).join(', ') || 'nothing'}`,
      );
      input = { diagnosis, request: fixRequestFrom(observed, diagnosis) };
      // The engine must agree with Chrome about what went wrong, or the panel would hand out the wrong fix.
      if (
        diagnosis.code !== v.cause ||
        (v.realStatus !== undefined && diagnosis.realStatus !== v.realStatus)
      ) {
        steps.push(
          `engine disagrees: expected ${v.cause}${v.realStatus === undefined ? '' : ` (status ${v.realStatus})`}`,
        );
        return done('fail', brokenError);
      }
    } finally {
      await Promise.all(servers.map(stop));
    }

    // 2. The generator's fix for the engine's diagnosis, checked by the engine and the lint before any server sees it.
    fix = generateFix(t.backend, input);
    if (fix === null) {
      steps.push('no fix generated');
      return done('fail', brokenError);
    }
    if (fix.security.length > 0) {
      steps.push(`lint: ${fix.security.map((f) => f.rule).join(', ')}`);
      return done('fail', brokenError);
    }
    const engine = verifyFix(fix, input);
    if (!engine.ok) {
      steps.push(`engine: ${engine.reason ?? ''}`);
      return done('fail', brokenError);
    }

    // 3. The fixed server passes in Chrome, and still refuses another origin.
    const fixed: Ctx = { ...c, apiPort: await freePort(), upstreamPort: await freePort() };
    const regions = t.regionsOf?.(fix) ?? fix.snippets.map((s) => s.code);
    servers = await serve(t, regions, fixed, v, 'fixed');
    try {
      const good = await withTimeout(
        browserFetch(browser, origin, fetchSpec(v.shape, fixed.apiPort)),
        15_000,
        'fixed fetch',
      );
      steps.push(`fixed: ${describeOutcome(good)}`);
      const want = SHAPES[v.shape];
      if (!good.ok || good.status !== want.status || (want.read !== null && good.readValue !== 'r-1'))
        return done('fail', brokenError);
      const bad = await withTimeout(
        browserFetch(browser, c.otherOrigin, fetchSpec(v.shape, fixed.apiPort)),
        15_000,
        'hostile fetch',
      );
      steps.push(`hostile ${c.otherOrigin}: ${describeOutcome(bad)}`);
      if (bad.ok) return done('fail', brokenError);
      const probe = await hostileProbe(fixed.apiPort, v);
      steps.push(`raw ${HOSTILE}: ${probe ?? 'not allowed'}`);
      if (probe !== null) return done('fail', brokenError);
    } finally {
      await Promise.all(servers.map(stop));
    }
    return done('pass', brokenError);
  } catch (e) {
    steps.push(`error: ${e instanceof Error ? e.message.slice(0, 1500) : String(e)}`);
    return done('fail', brokenError);
  }
}
