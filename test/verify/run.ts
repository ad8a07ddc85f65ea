// `npm run verify:fixes`: the backend × cause verification matrix (issues #6, #11), through the product's real
// path. Every cell starts the broken server, makes the page's own call with DevTools open on the CORS panel,
// copies the fix the panel hands out, pastes it, and confirms the page's call passes (and reads what it reads)
// while a hostile origin is still refused. One extension browser per backend; backends run side by side.
// Cells that cannot run on this machine are gaps with the reason. Exit 1 on any failed cell.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchWithExtension } from '../../src/cli/launch.ts';
import { CHROMIUM, startPageServer } from './browser.ts';
import { failedCell, runCells, type CellResult, type CellSpec } from './cell.ts';
import { CALL_OF, OTHER_WAYS } from './shapes.ts';
import { REPO, workRoot } from './harness.ts';
import type { Target } from './target.ts';
import { TARGETS } from './audit/targets.ts';
import { pool } from './pool.ts';
import type { StaticResult } from './static/cell.ts';
import { printStatic, runStatic, STATIC_MODE, staticCellCount, staticTargetOf } from './static/run.ts';

// Backends with a generator but no server this matrix can run: their fixes are checked by the engine only
// (src/fixes/verify.test.ts replays every cause against each fix's expected headers).
const NOT_RUNNABLE: Gap[] = [
  {
    backend: 'spring',
    label: 'Spring Boot',
    reason: 'needs a JVM + Maven artifacts, not on Debian bookworm here',
  },
  { backend: 'aspnet', label: 'ASP.NET Core', reason: 'needs the .NET SDK, not in Debian bookworm' },
  {
    backend: 'laravel',
    label: 'Laravel',
    reason: "Debian's php-laravel-framework is 8.83, which has no HandleCors (9.2+)",
  },
  {
    backend: 'aws',
    label: 'AWS API Gateway / S3',
    reason: 'a cloud service configuration; nothing to run on loopback',
  },
  {
    backend: 'headers',
    label: 'HTTP headers (fallback)',
    reason: 'not code: its expected headers are what every verified backend above sends',
  },
];
// Backends at a time (each with its own browser and servers); 2 fits a 2-core machine.
const CONCURRENCY = Number(process.env.VERIFY_CONCURRENCY ?? 2);
const only = process.env.VERIFY_ONLY?.split(',');

interface Gap {
  backend: string;
  label: string;
  reason: string;
}

const out = (s: string): void => {
  process.stdout.write(s + '\n');
};

const SHORT: Partial<Record<string, string>> = {
  'preflight-not-handled': 'preflight-not-handled',
  MissingAllowOriginHeader: 'MissingACAO',
  PreflightMissingAllowOriginHeader: 'PreflightMissingACAO',
  WildcardOriginNotAllowed: 'Wildcard+creds',
  'server-error-without-cors': 'error-without-cors',
  PreflightInvalidStatus: 'PreflightStatus',
  InvalidAllowCredentials: 'InvalidACAC',
  MethodDisallowedByPreflightResponse: 'MethodDisallowed',
  MultipleAllowOriginValues: 'MultipleACAO',
  HeaderDisallowedByPreflightResponse: 'HeaderDisallowed',
  AllowOriginMismatch: 'OriginMismatch',
};

function printTable(targets: Target[], results: CellResult[], gaps: Gap[]): void {
  const causes = [...new Set(targets.flatMap((t) => t.variants.map((v) => v.cause)))];
  const rows = targets.map((t) => {
    const gap = gaps.find((g) => g.backend === t.backend);
    const mineAll = results.filter((r) => r.backend === t.backend);
    const cells = causes.map((cause) => {
      const mine = mineAll.filter((r) => r.variant.cause === cause);
      if (gap && t.variants.some((v) => v.cause === cause)) return 'gap';
      if (mine.length === 0) return '·';
      return mine.every((r) => r.status === 'pass')
        ? `pass${mine.length > 1 ? `×${mine.length}` : ''}`
        : 'FAIL';
    });
    const ok = mineAll.filter((r) => r.status === 'pass').length;
    // How often the panel preselected this backend from what it captured of the broken server.
    const named = mineAll.filter((r) => r.fix?.preselected === t.backend).length;
    return [
      t.label,
      ...cells,
      gap ? 'GAP' : `${ok}/${mineAll.length}`,
      gap ? '' : `${named}/${mineAll.length}`,
    ];
  });
  for (const g of gaps.filter((x) => !targets.some((t) => t.backend === x.backend)))
    rows.push([g.label, ...causes.map(() => ''), 'GAP', '']);
  const header = ['backend', ...causes.map((c) => SHORT[c] ?? c), 'cells', 'preselected'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  out(line(header));
  out(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) out(line(r));
  out(
    "pass: the page's call fails in Chromium with that cause (Chrome, and the engine fed by the CLI's prober, agree); with DevTools",
  );
  out(
    "open the CORS panel's fix, copied with its Copy button and pasted, makes the page's call pass and read x-request-id and the",
  );
  out(
    'body, and another origin is still refused. ×n: the base cell also without credentials, as XHR, and with "Record all tabs".',
  );
  out(
    '·: not exercised for this backend. GAP: reason below. preselected: cells where the panel preselected this backend.',
  );
}

/** The backend's base cell: its first no-CORS variant (else its first), run also without credentials, as XHR and with "Record all tabs"; the seed also with "Record all tabs". */
function cellsOf(t: Target): CellSpec[] {
  if (STATIC_MODE === 'only') return [];
  const base =
    t.variants.find(
      (v) =>
        (v.chrome === 'MissingAllowOriginHeader' || v.chrome === 'PreflightMissingAllowOriginHeader') &&
        OTHER_WAYS[v.shape] !== undefined,
    ) ?? t.variants[0];
  const cells: CellSpec[] = t.variants.map((v) => ({ variant: v, call: CALL_OF[v.shape], mode: 'devtools' }));
  if (!base) return cells;
  for (const call of OTHER_WAYS[base.shape] ?? []) cells.push({ variant: base, call, mode: 'devtools' });
  cells.push({ variant: base, call: CALL_OF[base.shape], mode: 'all-tabs' });
  // The seed's case must hold in both capture modes (issue #11), whichever cell is the base.
  const seed = t.variants.find((v) => v.id === 'seed');
  if (seed && seed !== base) cells.push({ variant: seed, call: CALL_OF[seed.shape], mode: 'all-tabs' });
  return cells;
}

/** The extension browser for one capture mode; a start that times out under load is tried once more. */
async function launchBrowser(mode: CellSpec['mode']): ReturnType<typeof launchWithExtension> {
  try {
    return await launchWithExtension({ allTabs: mode === 'all-tabs' });
  } catch {
    return launchWithExtension({ allTabs: mode === 'all-tabs' });
  }
}

/** One backend: its default-mode cells and static-asset cells in one browser, then the "Record all tabs" cell in a
 * browser with it on. */
async function runBackend(t: Target, pagePort: number): Promise<[CellResult[], StaticResult[]]> {
  const results: CellResult[] = [];
  const statics: StaticResult[] = [];
  const specs = cellsOf(t);
  const staticTarget = staticTargetOf(t.backend);
  for (const mode of ['devtools', 'all-tabs'] as const) {
    const mine = specs.filter((c) => c.mode === mode);
    const withStatic = mode === 'devtools' ? staticTarget : undefined;
    if (mine.length === 0 && !withStatic) continue;
    let l: Awaited<ReturnType<typeof launchWithExtension>>;
    try {
      l = await launchBrowser(mode);
    } catch (e) {
      // A browser that cannot start fails this backend's cells with the reason; the other backends go on.
      const reason = `error: Chromium did not start: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
      for (const c of mine) {
        out(`FAIL ${t.backend} / ${c.variant.id} ${c.call}: ${reason}`);
        results.push(failedCell(t, c.variant, c.call, mode, [reason]));
      }
      continue;
    }
    try {
      // The calls of one variant share its broken server (and its fixed server when the fixes are the same).
      for (const v of [...new Set(mine.map((c) => c.variant))]) {
        const calls = mine.filter((c) => c.variant === v).map((c) => c.call);
        let cells = await runCells(l, t, v, calls, mode, pagePort);
        // A variant that failed runs once more with fresh servers, and says so: on 2 cores two backends in parallel
        // can race for a free port (a proxy then answers 502). A second failure is a real failure.
        if (cells.some((r) => r.status === 'fail')) {
          for (const r of cells.filter((x) => x.status === 'fail'))
            out(`RETRY ${t.backend} / ${v.id} ${r.call}: ${r.steps.slice(-1).join('')}`);
          cells = await runCells(l, t, v, calls, mode, pagePort);
        }
        for (const r of cells) {
          out(
            `${r.status === 'pass' ? 'PASS' : 'FAIL'} ${t.backend} / ${v.id} ${r.call}${mode === 'all-tabs' ? ' [all tabs]' : ''} (${v.cause}) ${(r.ms / 1000).toFixed(1)}s`,
          );
          if (r.status === 'fail') for (const s of r.steps) out(`     ${s}`);
          results.push(r);
        }
      }
      if (withStatic) statics.push(...(await runStatic(l, withStatic, pagePort, out)));
    } finally {
      await l.close();
    }
  }
  return [results, statics];
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const targets = TARGETS.filter((t) => only === undefined || only.includes(t.backend));
  const gaps: Gap[] = only === undefined ? [...NOT_RUNNABLE] : [];
  const runnable: Target[] = [];
  // Without the browser nothing can be verified: every cell becomes a gap with that reason.
  const noBrowser = existsSync(CHROMIUM)
    ? null
    : `no Chromium at ${CHROMIUM} (run test/verify/install.sh as root, or set CHROMIUM_PATH)`;
  for (const t of targets) {
    const reason = noBrowser ?? t.missing();
    if (reason !== null) gaps.push({ backend: t.backend, label: t.label, reason });
    else runnable.push(t);
  }
  if (runnable.length === 0) {
    printTable(targets, [], gaps);
    for (const g of gaps) out(`- GAP ${g.label}: ${g.reason}`);
    out('verify: 0 passed, 0 failed (every cell is a gap on this machine)');
    return;
  }
  // The product under test is the built extension (npm test builds it; build here when it is missing).
  if (!existsSync(path.join(REPO, 'dist', 'manifest.json')))
    execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
  const page = await startPageServer();
  const count = runnable.reduce((n, t) => n + cellsOf(t).length + staticCellCount(t.backend), 0);
  out(
    `verify:fixes: ${count} cells (static assets included) on ${runnable.length} backends through the CORS panel, page http://localhost:${page.port}, ${CONCURRENCY} backends at a time, work dir ${workRoot}`,
  );
  let results: CellResult[];
  let statics: StaticResult[];
  try {
    const done = await pool(runnable, CONCURRENCY, (t) => runBackend(t, page.port));
    results = done.flatMap((d) => d[0]);
    statics = done.flatMap((d) => d[1]);
  } finally {
    await page.close();
  }
  out('');
  printTable(targets, results, gaps);
  out('');
  for (const r of results)
    out(
      `- ${r.backend} / ${r.variant.id} ${r.call}${r.mode === 'all-tabs' ? ' [all tabs]' : ''}: ${r.variant.bug} → Chrome ${r.brokenError ?? '-'}; credentials: ${r.credentials}; ${r.steps.slice(2).join('; ')}`,
    );
  for (const g of gaps) out(`- GAP ${g.label}: ${g.reason}`);
  printStatic(statics, out);
  const seeds = results.filter(
    (r) => r.backend === 'fastapi' && r.variant.id === 'seed' && r.call === CALL_OF[r.variant.shape],
  );
  for (const seed of seeds)
    out(
      `\nThe seed's case, ${seed.mode === 'all-tabs' ? '"Record all tabs"' : 'default capture'} (${seed.status}): FastAPI without CORS middleware, credentialed JSON POST from the page. ${seed.fix?.assumptions ?? ''}\nThe clipboard pasted into main.py:\n${(seed.fix?.clipboard ?? '').replace(/^/gm, '  ')}`,
    );
  const passed = [...results, ...statics].filter((r) => r.status === 'pass').length;
  const failed = results.length + statics.length - passed;
  const verified = new Set(results.filter((r) => r.status === 'pass').map((r) => r.backend));
  const fullyVerified = [...verified].filter((b) =>
    results.filter((r) => r.backend === b).every((r) => r.status === 'pass'),
  );
  out(
    `\n${fullyVerified.length} backends verified, ${gaps.length} gaps, ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  mkdirSync(path.join(REPO, 'artifacts'), { recursive: true });
  writeFileSync(
    path.join(REPO, 'artifacts', 'verify-fixes.json'),
    JSON.stringify(
      {
        results: results.map((r) => ({
          ...r,
          variant: { ...r.variant, broken: undefined, upstreamAcao: undefined },
        })),
        gaps,
        statics,
      },
      null,
      2,
    ),
  );
  // Keep the generated servers only when asked (or when something failed, to look at them).
  if (failed === 0 && process.env.VERIFY_KEEP === undefined)
    rmSync(workRoot, { recursive: true, force: true });
  else out(`servers kept in ${workRoot}`);
  out(`verify: ${passed} passed, ${failed} failed`);
  const auditFailed = await (await import('./audit/pass.ts')).auditPass(targets, out);
  process.exitCode = failed + auditFailed > 0 ? 1 : 0;
}

await main();
