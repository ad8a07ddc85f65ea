// `npm run verify:fixes`: the backend × cause verification matrix (issue #6). Every cell starts the broken server,
// confirms Chromium's CORS error, applies the generated snippet, and confirms Chromium passes and a hostile origin
// is still refused. Cells that cannot run on this machine are gaps with the reason. Exit 1 on any failed cell.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM, launchBrowser, startPageServer } from './browser.ts';
import { runCell, type CellResult } from './cell.ts';
import { REPO, workRoot } from './harness.ts';
import type { Target } from './target.ts';
import { aiohttp } from './backends/aiohttp.ts';
import { django } from './backends/django.ts';
import { fastapi } from './backends/fastapi.ts';
import { flask } from './backends/flask.ts';
import { express, fastify, hono, koa } from './backends/node.ts';
import { apache, caddy, nginx } from './backends/proxies.ts';
import { echo, gin, goRsCors } from './backends/go.ts';
import { rails } from './backends/ruby.ts';
import { cloudflare } from './backends/worker.ts';
import { nextjs } from './backends/nextjs.ts';
import { nestjs } from './backends/nestjs.ts';

// Go first: their builds are the slowest and overlap with the quick cells.
const TARGETS: Target[] = [
  gin,
  echo,
  goRsCors,
  fastapi,
  flask,
  express,
  aiohttp,
  django,
  fastify,
  hono,
  koa,
  nginx,
  apache,
  caddy,
  rails,
  cloudflare,
  nestjs,
  nextjs,
];

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
const CONCURRENCY = Number(process.env.VERIFY_CONCURRENCY ?? 3);
const only = process.env.VERIFY_ONLY?.split(',');

interface Gap {
  backend: string;
  label: string;
  reason: string;
}

const out = (s: string): void => {
  process.stdout.write(s + '\n');
};

async function pool<T, R>(items: T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await f(items[i] as T);
      }
    }),
  );
  return results;
}

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
    // How often detectBackend named this backend first from what the broken server sent (informational).
    const named = mineAll.filter((r) => r.detected[0]?.backend === t.backend).length;
    return [
      t.label,
      ...cells,
      gap ? 'GAP' : `${ok}/${mineAll.length}`,
      gap ? '' : `${named}/${mineAll.length}`,
    ];
  });
  for (const g of gaps.filter((x) => !targets.some((t) => t.backend === x.backend)))
    rows.push([g.label, ...causes.map(() => ''), 'GAP', '']);
  const header = ['backend', ...causes.map((c) => SHORT[c] ?? c), 'cells', 'detected'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  out(line(header));
  out(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) out(line(r));
  out(
    'pass: the broken server fails in Chromium with that cause (Chrome and the engine agree), the generated snippet pasted into it',
  );
  out(
    'makes Chromium pass, and another origin is still refused. ·: not exercised for this backend. GAP: reason below.',
  );
  out(
    'detected: cells where detectBackend (headers + bodies, as the CLI sees them) named this backend first.',
  );
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const targets = TARGETS.filter((t) => only === undefined || only.includes(t.backend));
  const gaps: Gap[] = only === undefined ? [...NOT_RUNNABLE] : [];
  const cells: { t: Target; v: Target['variants'][number] }[] = [];
  // Without the browser nothing can be verified: every cell becomes a gap with that reason.
  const noBrowser = existsSync(CHROMIUM)
    ? null
    : `no Chromium at ${CHROMIUM} (run test/verify/install.sh as root, or set CHROMIUM_PATH)`;
  for (const t of targets) {
    const reason = noBrowser ?? t.missing();
    if (reason !== null) gaps.push({ backend: t.backend, label: t.label, reason });
    else for (const v of t.variants) cells.push({ t, v });
  }
  if (cells.length === 0) {
    printTable(targets, [], gaps);
    for (const g of gaps) out(`- GAP ${g.label}: ${g.reason}`);
    out('verify: 0 passed, 0 failed (every cell is a gap on this machine)');
    return;
  }
  const browser = await launchBrowser();
  const page = await startPageServer();
  out(
    `verify:fixes: ${cells.length} cells on ${new Set(cells.map((x) => x.t.backend)).size} backends, page http://localhost:${page.port}, Chromium ${browser.version()}, work dir ${workRoot}`,
  );
  let results: CellResult[];
  try {
    results = await pool(cells, CONCURRENCY, async ({ t, v }) => {
      const r = await runCell(browser, t, v, page.port);
      out(
        `${r.status === 'pass' ? 'PASS' : 'FAIL'} ${t.backend} / ${v.id} (${v.cause}) ${(r.ms / 1000).toFixed(1)}s`,
      );
      if (r.status === 'fail') for (const s of r.steps) out(`     ${s}`);
      return r;
    });
  } finally {
    await browser.close();
    await page.close();
  }
  out('');
  printTable(targets, results, gaps);
  out('');
  for (const r of results)
    out(
      `- ${r.backend} / ${r.variant.id}: ${r.variant.bug} → Chrome ${r.brokenError ?? '-'}; ${r.steps.slice(1).join('; ')}`,
    );
  for (const g of gaps) out(`- GAP ${g.label}: ${g.reason}`);
  const seed = results.find((r) => r.backend === 'fastapi' && r.variant.id === 'seed');
  if (seed?.fix) {
    out(
      `\nThe seed's case (${seed.status}): FastAPI without CORS middleware, credentialed fetch from the page. The snippet pasted into main.py:`,
    );
    for (const s of seed.fix.snippets) out(`  # ${s.where}\n${s.code.replace(/^/gm, '  ')}`);
  }
  const passed = results.filter((r) => r.status === 'pass').length;
  const failed = results.length - passed;
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
