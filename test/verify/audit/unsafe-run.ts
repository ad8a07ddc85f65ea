// Runs the unsafe configurations (unsafe.ts) and the OpenAPI-driven audit of a real FastAPI app through the CLI
// as a user invokes it (`cors-lens audit … --json`, in-process).
import { main } from '../../../src/cli/main.ts';
import { fastapi } from '../backends/fastapi.ts';
import { routeOf } from './routes.ts';
import { ctxFor, serveConfig } from './serve.ts';
import { UNSAFE_CASES, type UnsafeCase } from './unsafe.ts';
import { writeFiles } from '../harness.ts';

interface JsonCase {
  method: string;
  path: string;
  origin: string;
  check: string;
  outcome: string;
  cause?: string;
}

async function auditJson(argv: string[]): Promise<{ code: number; cases: JsonCase[]; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['audit', ...argv, '--json'], {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
  });
  return { code, err, cases: code === 2 ? [] : (JSON.parse(out) as { cases: JsonCase[] }).cases };
}

export interface CaseResult {
  id: string;
  status: 'pass' | 'fail' | 'gap';
  detail: string;
}

export async function runUnsafe(u: UnsafeCase): Promise<CaseResult> {
  const gap = u.target.missing();
  if (gap !== null) return { id: u.id, status: 'gap', detail: gap };
  const c = await ctxFor(u.origins[0] as string);
  try {
    const s = await serveConfig(u.target, u.regions, c, `unsafe-${u.id}`);
    try {
      const route = routeOf(u.shape);
      const routes = `${s.dir}/routes.txt`;
      writeFiles(s.dir, {
        'routes.txt': `${route.method} ${route.path} credentials expose=${route.expose.join(',')}\n`,
      });
      const r = await auditJson([s.base, ...u.origins.flatMap((o) => ['--origin', o]), '--routes', routes]);
      const checks = [...new Set(r.cases.filter((x) => x.outcome !== 'pass').map((x) => x.check))];
      const ok = r.code === 1 && checks.includes(u.expect) && !checks.includes('cors');
      return {
        id: u.id,
        status: ok ? 'pass' : 'fail',
        detail: `exit ${r.code}: ${checks.join(', ') || 'nothing'}${r.err ? ` ${r.err.trim()}` : ''}`,
      };
    } finally {
      await s.stop();
    }
  } catch (e) {
    return { id: u.id, status: 'fail', detail: (e as Error).message.slice(0, 600) };
  }
}

/** FastAPI with CORSMiddleware for the frontend, audited from its own /openapi.json: every operation gets its cases. */
export async function runOpenApi(): Promise<CaseResult> {
  const id = 'fastapi-openapi';
  const gap = fastapi.missing();
  if (gap !== null) return { id, status: 'gap', detail: gap };
  const origin = 'http://localhost:5173';
  const c = await ctxFor(origin);
  const region = `from fastapi.middleware.cors import CORSMiddleware\napp.add_middleware(CORSMiddleware, allow_origins=["${origin}"], allow_credentials=True, allow_methods=["GET", "POST"], expose_headers=["x-request-id"])`;
  try {
    const s = await serveConfig(fastapi, [region, ''], c, 'openapi');
    try {
      const doc = (await (await fetch(`${s.base}/openapi.json`)).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const operations = Object.entries(doc.paths).flatMap(([p, item]) =>
        Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`),
      );
      const r = await auditJson([s.base, '--origin', origin, '--openapi', `${s.base}/openapi.json`]);
      const audited = new Set(r.cases.filter((x) => x.check === 'cors').map((x) => `${x.method} ${x.path}`));
      const missing = operations.filter((o) => !audited.has(o));
      const findings = r.cases
        .filter((x) => x.outcome !== 'pass')
        .map((x) => `${x.method} ${x.path} ${x.check}=${x.cause ?? ''}`);
      // add_middleware sits inside Starlette's ServerErrorMiddleware: the route that raises answers 500 without CORS.
      const ok =
        missing.length === 0 &&
        operations.length >= 3 &&
        findings.length === 1 &&
        findings[0] === 'GET /api/boom cors=server-error-without-cors';
      return {
        id,
        status: ok ? 'pass' : 'fail',
        detail: `${operations.length} operations in /openapi.json, ${audited.size} audited${missing.length ? ` (missing ${missing.join(', ')})` : ''}; findings: ${findings.join('; ') || 'none'}`,
      };
    } finally {
      await s.stop();
    }
  } catch (e) {
    return { id, status: 'fail', detail: (e as Error).message.slice(0, 600) };
  }
}

export async function runSecurityPass(): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const u of UNSAFE_CASES) results.push(await runUnsafe(u));
  results.push(await runOpenApi());
  return results;
}
