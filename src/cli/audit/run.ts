// The audit itself: every route × allowed origin gets the reachability check and the security checks, each case a
// pass, a finding or an error (the server could not be probed). Probes to one route are memoised, so a hostile
// origin several checks need is sent once; routes run a few at a time.
import type { HeaderMap } from '../../engine/types.ts';
import { ProbeError } from '../errors.ts';
import { SECURITY_CHECKS, type CheckContext, type Severity } from './checks/index.ts';
import { CORS_CHECK, ERROR_PATH_CHECK, corsVerdict, type CorsVerdict } from './cors-checks.ts';
import { probeAllowed, probeHostile, probePrivateNetwork, type HostileProbe } from './probe.ts';
import type { Route } from './routes.ts';

export interface AuditOptions {
  base: string;
  origins: string[];
  routes: Route[];
  timeoutMs: number;
  concurrency: number;
  onProgress?: (done: number, total: number) => void;
}

export interface Finding {
  severity: Severity;
  message: string;
  /** The engine's cause (reachability checks). */
  cause?: CorsVerdict['cause'];
  status?: number | null;
  probeOrigin?: string;
  verdict?: CorsVerdict;
}

export interface AuditCase {
  route: Route;
  origin: string;
  check: string;
  outcome: 'pass' | 'finding' | 'error';
  finding?: Finding;
  error?: string;
  /** The backend the answers point to (reachability case only), for emitted tests. */
  backend?: string;
}

export interface AuditResult {
  base: string;
  origins: string[];
  routes: Route[];
  cases: AuditCase[];
}

const MISSING = 'cors-lens-audit-missing';

async function auditRoute(o: AuditOptions, route: Route): Promise<AuditCase[]> {
  const cases: AuditCase[] = [];
  const hostile = new Map<string, Promise<HostileProbe>>();
  const pna = new Map<string, Promise<HeaderMap | null>>();
  const memo = <T>(m: Map<string, Promise<T>>, k: string, f: () => Promise<T>): Promise<T> => {
    const hit = m.get(k);
    if (hit) return hit;
    const p = f();
    m.set(k, p);
    return p;
  };
  const guard = async (
    origin: string,
    check: string,
    f: () => Promise<Finding | null>,
    extra: () => Partial<AuditCase> = () => ({}),
  ): Promise<void> => {
    try {
      const finding = await f();
      cases.push(
        finding
          ? { ...extra(), route, origin, check, outcome: 'finding', finding }
          : { ...extra(), route, origin, check, outcome: 'pass' },
      );
    } catch (e) {
      if (!(e instanceof ProbeError)) throw e;
      cases.push({ route, origin, check, outcome: 'error', error: e.message });
    }
  };
  for (const [i, origin] of o.origins.entries()) {
    let allowed: Awaited<ReturnType<typeof probeAllowed>> | null = null;
    await guard(
      origin,
      CORS_CHECK.id,
      async () => {
        allowed = await probeAllowed(o.base, route, origin, o.timeoutMs);
        const v = corsVerdict(allowed);
        return v && { severity: 'error', message: v.message, cause: v.cause, status: v.status, verdict: v };
      },
      () => (allowed ? { backend: allowed.outcome.backend.chosen } : {}),
    );
    if (route.template.includes('{')) {
      await guard(origin, ERROR_PATH_CHECK.id, async () => {
        const p = await probeAllowed(
          o.base,
          route,
          origin,
          o.timeoutMs,
          route.template.replace(/\{[^}/]+\}/g, MISSING),
        );
        const v = corsVerdict(p);
        return v && p.outcome.sim.blocked
          ? { severity: 'error', message: v.message, cause: v.cause, status: v.status, verdict: v }
          : null;
      });
    }
    const got = allowed as Awaited<ReturnType<typeof probeAllowed>> | null;
    if (got === null) continue;
    const ctx: CheckContext = {
      route,
      origin,
      origins: o.origins,
      allowed: got,
      hostile: (h) => memo(hostile, h, () => probeHostile(o.base, route, h, o.timeoutMs)),
      privateNetwork: (h) => memo(pna, h, () => probePrivateNetwork(o.base, route, h, o.timeoutMs)),
    };
    for (const check of SECURITY_CHECKS) {
      if (!check.perOrigin && i > 0) continue;
      await guard(origin, check.id, async () => {
        const ev = await check.run(ctx);
        return (
          ev && {
            severity: ev.severity,
            message: ev.message,
            ...(ev.probeOrigin ? { probeOrigin: ev.probeOrigin } : {}),
          }
        );
      });
    }
  }
  return cases;
}

export async function runAudit(o: AuditOptions): Promise<AuditResult> {
  const perRoute: AuditCase[][] = new Array<AuditCase[]>(o.routes.length);
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: Math.min(o.concurrency, o.routes.length) }, async () => {
      while (next < o.routes.length) {
        const i = next++;
        perRoute[i] = await auditRoute(o, o.routes[i] as Route);
        o.onProgress?.(++done, o.routes.length);
      }
    }),
  );
  return { base: o.base, origins: o.origins, routes: o.routes, cases: perRoute.flat() };
}

/** Title, risk and fix text of every check id, for the outputs. */
export function checkInfo(id: string): { title: string; risk: string; fix: string } {
  if (id === CORS_CHECK.id)
    return {
      ...CORS_CHECK,
      fix: 'See the fix printed for the finding (the backend was detected from the answers).',
    };
  if (id === ERROR_PATH_CHECK.id)
    return {
      ...ERROR_PATH_CHECK,
      fix: 'Add the CORS headers in the outermost layer (or with nginx `always`), so error answers carry them too.',
    };
  const c = SECURITY_CHECKS.find((x) => x.id === id);
  return c ? { title: c.title, risk: c.risk, fix: c.fix } : { title: id, risk: '', fix: '' };
}

export const ALL_CHECK_IDS = [CORS_CHECK.id, ERROR_PATH_CHECK.id, ...SECURITY_CHECKS.map((c) => c.id)];
