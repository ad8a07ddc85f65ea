// One matrix cell, through the panel: broken server → the page's own call fails in Chromium with the expected
// CorsError (and the engine, fed by the CLI's prober, names the expected cause: the fast layer); DevTools open on
// the page, the CORS panel's row selected, the fix copied with the Copy button for the backend the panel
// preselected; pasted into the template, restarted; the page calls again and must pass and read what it reads,
// while another origin (in Chromium, and a raw preflight from https://evil.example) is still refused.
import http from 'node:http';
import type { Launched } from '../../src/cli/launch.ts';
import { runCheck } from '../../src/cli/check.ts';
import { diagnose } from '../../src/engine/index.ts';
import { detectBackend } from '../../src/fixes/index.ts';
import type { Detection } from '../../src/fixes/types.ts';
import { freePort, start, stop, workDir, writeFiles, type Running } from './harness.ts';
import { UPSTREAM } from './backends/proxies.ts';
import { appCall, fixFromPanel, type AppOutcome, type PanelFix } from './panel-pass.ts';
import { SHAPES, fetchSpec, type CallId } from './shapes.ts';
import type { Ctx, Target, Variant } from './target.ts';

/** One run of a variant: which call the page makes, in which capture mode. */
export interface CellSpec {
  variant: Variant;
  call: CallId;
  mode: 'devtools' | 'all-tabs';
}

export interface CellResult {
  backend: string;
  variant: Variant;
  call: CallId;
  mode: CellSpec['mode'];
  status: 'pass' | 'fail';
  /** What Chrome said about the broken server. */
  brokenError: string | null;
  /** The engine's diagnosis code for the broken server (fast layer: the CLI's prober), when it got that far. */
  engineCode: string | null;
  detected: Detection[];
  /** The fix the panel handed out (clipboard text, snippets, what it assumed, the backend it preselected). */
  fix: PanelFix | null;
  /** How the credentials were known: the signal named by the fix view's "Assumes:" line. */
  credentials: string;
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

const describeOutcome = (o: AppOutcome): string =>
  o.ok
    ? `status ${o.status ?? '?'}${o.read === null ? '' : `, read x-request-id=${o.read}`}`
    : `blocked: ${o.corsError ?? o.body ?? '?'}${o.failedParameter ? ` (${o.failedParameter})` : ''}`;

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

/** The credentials part of the "Assumes:" line: the signal that decided, or the assumption. */
function credentialsOf(assumptions: string): string {
  const part = assumptions.replace(/^Assumes:\s*/, '').split(';')[0] ?? '';
  if (/not observed/.test(part)) return 'assumed (allowed for this origin; question shown)';
  if (/you said/.test(part)) return 'question';
  const m = /\((.*)\)/.exec(part);
  return `evidence: ${m?.[1] ?? part}`;
}

/** The fast layer: the CLI's prober asks the broken server what a browser asks; the engine must name the cause. */
async function engineLayer(
  v: Variant,
  c: Ctx,
  o: AppOutcome,
  steps: string[],
): Promise<{ code: string; detected: Detection[]; ok: boolean }> {
  const spec = fetchSpec(v.shape, c.apiPort);
  const check = await runCheck({
    url: spec.url,
    origin: c.origin,
    method: spec.method,
    headers: Object.entries(spec.headers),
    credentials: true,
    backend: null,
    timeoutMs: 5000,
  });
  const observed = {
    ...check.observed,
    chromeVerdict: { corsError: o.corsError ?? '', failedParameter: o.failedParameter ?? '' },
  };
  const d = diagnose(observed);
  const last = check.exchange.hops.at(-1);
  const pre = check.exchange.preflights.at(-1);
  const detected = detectBackend(observed, {
    ...(pre ? { preflight: pre.bodySnippet } : {}),
    ...(last ? { response: last.bodySnippet } : {}),
  });
  steps.push(`engine (CLI prober): ${d.code}${d.realStatus === null ? '' : ` (status ${d.realStatus})`}`);
  const ok = d.code === v.cause && (v.realStatus === undefined || d.realStatus === v.realStatus);
  if (!ok) steps.push(`engine disagrees: expected ${v.cause}`);
  return { code: d.code, detected, ok };
}

/** A cell that has not passed (yet): every cell starts so, and a cell that could not run stays so with its reason. */
export const failedCell = (
  t: Target,
  variant: Variant,
  call: CallId,
  mode: CellSpec['mode'],
  steps: string[],
): CellResult => ({
  backend: t.backend,
  variant,
  call,
  mode,
  status: 'fail',
  brokenError: null,
  engineCode: null,
  detected: [],
  fix: null,
  credentials: '-',
  steps,
  ms: 0,
});

/**
 * One variant's cells in one capture mode: the broken server runs once for every call of the variant (each call
 * with its own page, DevTools and panel), and the fixed server once per distinct fix the panel handed out.
 */
export async function runCells(
  l: Launched,
  t: Target,
  v: Variant,
  calls: CallId[],
  mode: CellSpec['mode'],
  pagePort: number,
): Promise<CellResult[]> {
  const t0 = Date.now();
  const origin = `http://localhost:${pagePort}`;
  const c: Ctx = {
    origin,
    otherOrigin: `http://127.0.0.1:${pagePort}`,
    apiPort: await freePort(),
    upstreamPort: await freePort(),
  };
  const pageOf = (o: string, port: number): string =>
    `${o}/?api=${encodeURIComponent(`http://127.0.0.1:${port}`)}`;
  const results = calls.map((call) => failedCell(t, v, call, mode, []));
  const finish = (): CellResult[] => {
    const ms = Math.round((Date.now() - t0) / calls.length);
    return results.map((r) => ({ ...r, ms }));
  };
  const live = new Set(results);
  try {
    // 1. Broken server: each call fails with Chrome's expected CorsError, seen and fixed in the panel.
    let servers = await serve(t, v.broken(c), c, v, `${mode}-broken`);
    let firstOutcome: AppOutcome | null = null;
    try {
      for (const r of results) {
        const { outcome, fix } = await withTimeout(
          fixFromPanel(l, pageOf(origin, c.apiPort), r.call, `127.0.0.1:${c.apiPort}`, t.backend),
          90_000,
          'panel pass',
        );
        firstOutcome ??= outcome;
        r.brokenError = outcome.corsError;
        r.fix = fix;
        r.credentials = credentialsOf(fix.assumptions);
        r.steps.push(`broken: ${describeOutcome(outcome)}`);
        r.steps.push(
          `panel: preselected ${fix.preselected}${fix.preselected === t.backend ? '' : ` (picked ${t.backend})`}; ${fix.assumptions}`,
        );
        const joined = fix.snippets.map((s) => s.code).join('\n\n');
        if (outcome.ok || outcome.corsError !== v.chrome) live.delete(r);
        else if (fix.snippets.length === 0 || fix.clipboard !== joined) {
          r.steps.push(`clipboard does not hold the shown snippets (${fix.clipboard.length} chars)`);
          live.delete(r);
        }
      }
      const first = results[0];
      if (first && firstOutcome && live.size > 0) {
        const engine = await engineLayer(v, c, firstOutcome, first.steps);
        for (const r of results) {
          r.engineCode = engine.code;
          r.detected = engine.detected;
          if (!engine.ok) live.delete(r);
        }
      }
    } finally {
      await Promise.all(servers.map(stop));
    }

    // 2. Each distinct clipboard text pasted into the template's regions, the server restarted, the page reloaded.
    const byFix = new Map<string, CellResult[]>();
    for (const r of live)
      byFix.set(r.fix?.clipboard ?? '', [...(byFix.get(r.fix?.clipboard ?? '') ?? []), r]);
    for (const group of byFix.values()) {
      const pasted = group[0]?.fix;
      if (!pasted) continue;
      const fixed: Ctx = { ...c, apiPort: await freePort(), upstreamPort: await freePort() };
      const regions = t.regionsOf?.(pasted) ?? pasted.snippets.map((s) => s.code);
      servers = await serve(t, regions, fixed, v, `${mode}-fixed-${group[0]?.call ?? ''}`);
      try {
        const probe = await hostileProbe(fixed.apiPort, v);
        for (const r of group) {
          const good = await withTimeout(
            appCall(l.context, pageOf(origin, fixed.apiPort), r.call),
            20_000,
            'fixed call',
          );
          await good.page.close();
          r.steps.push(`fixed: ${describeOutcome(good.outcome)}`);
          const want = SHAPES[v.shape];
          const o = good.outcome;
          if (
            !o.ok ||
            o.status !== want.status ||
            o.body === null ||
            (want.read !== null && o.read !== 'r-1')
          )
            continue;
          const bad = await withTimeout(
            appCall(l.context, pageOf(c.otherOrigin, fixed.apiPort), r.call),
            20_000,
            'hostile call',
          );
          await bad.page.close();
          r.steps.push(`hostile ${c.otherOrigin}: ${describeOutcome(bad.outcome)}`);
          r.steps.push(`raw ${HOSTILE}: ${probe ?? 'not allowed'}`);
          if (!bad.outcome.ok && probe === null) r.status = 'pass';
        }
      } finally {
        await Promise.all(servers.map(stop));
      }
    }
    return finish();
  } catch (e) {
    for (const r of results)
      if (r.status !== 'pass')
        r.steps.push(`error: ${e instanceof Error ? e.message.slice(0, 1500) : String(e)}`);
    return finish();
  }
}
