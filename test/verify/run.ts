// `npm run verify:fixes`: the backend × cause verification matrix (issue #6). Every cell starts the broken server,
// confirms Chromium's CORS error, applies the generated snippet, and confirms Chromium passes and a hostile origin
// is still refused. Cells that cannot run on this machine are gaps with the reason. Exit 1 on any failed cell.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, startPageServer } from './browser.ts';
import { runCell, type CellResult } from './cell.ts';
import { REPO, workRoot } from './harness.ts';
import type { Target } from './target.ts';
import { aiohttp, django, fastapi, flask } from './backends/python.ts';
import { express, fastify, hono, koa } from './backends/node.ts';
import { apache, caddy, nginx } from './backends/proxies.ts';
import { echo, gin, goRsCors } from './backends/go.ts';
import { rails } from './backends/ruby.ts';

// Go first: their builds are the slowest and overlap with the quick cells.
const TARGETS: Target[] = [gin, echo, goRsCors, fastapi, flask, express, aiohttp, django, fastify, hono, koa, nginx, apache, caddy, rails];
const CONCURRENCY = Number(process.env.VERIFY_CONCURRENCY ?? 3);
const only = process.env.VERIFY_ONLY?.split(',');

interface Gap {
  backend: string;
  label: string;
  reason: string;
}

const out = (s: string): void => { process.stdout.write(s + '\n'); };

async function pool<T, R>(items: T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await f(items[i] as T);
    }
  }));
  return results;
}

function printTable(targets: Target[], results: CellResult[], gaps: Gap[]): void {
  const causes = [...new Set(targets.flatMap((t) => t.variants.map((v) => v.cause)))];
  const rows = targets.map((t) => {
    const gap = gaps.find((g) => g.backend === t.backend);
    const cells = causes.map((cause) => {
      const mine = results.filter((r) => r.backend === t.backend && r.variant.cause === cause);
      if (gap && t.variants.some((v) => v.cause === cause)) return 'gap';
      if (mine.length === 0) return '·';
      return mine.every((r) => r.status === 'pass') ? `pass${mine.length > 1 ? `×${mine.length}` : ''}` : 'FAIL';
    });
    return [t.label, ...cells];
  });
  const header = ['backend', ...causes];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  out(line(header));
  out(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) out(line(r));
  out('(pass = broken server fails in Chromium with the expected error, generated fix passes, hostile origin refused; · = cause not produced by this backend in the matrix)');
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const targets = TARGETS.filter((t) => only === undefined || only.includes(t.backend));
  const gaps: Gap[] = [];
  const cells: { t: Target; v: Target['variants'][number] }[] = [];
  for (const t of targets) {
    const reason = t.missing();
    if (reason !== null) gaps.push({ backend: t.backend, label: t.label, reason });
    else for (const v of t.variants) cells.push({ t, v });
  }
  const browser = await launchBrowser();
  const page = await startPageServer();
  out(`verify:fixes: ${cells.length} cells on ${targets.length - gaps.length} backends, page http://localhost:${page.port}, Chromium ${browser.version()}, work dir ${workRoot}`);
  let results: CellResult[];
  try {
    results = await pool(cells, CONCURRENCY, async ({ t, v }) => {
      const r = await runCell(browser, t, v, page.port);
      out(`${r.status === 'pass' ? 'PASS' : 'FAIL'} ${t.backend} / ${v.id} (${v.cause}) ${(r.ms / 1000).toFixed(1)}s`);
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
  for (const r of results) out(`- ${r.backend} / ${r.variant.id}: ${r.variant.bug} → Chrome ${r.brokenError ?? '-'}; ${r.steps.slice(1).join('; ')}`);
  for (const g of gaps) out(`- GAP ${g.label}: ${g.reason}`);
  const passed = results.filter((r) => r.status === 'pass').length;
  const failed = results.length - passed;
  const verified = new Set(results.filter((r) => r.status === 'pass').map((r) => r.backend));
  const fullyVerified = [...verified].filter((b) => results.filter((r) => r.backend === b).every((r) => r.status === 'pass'));
  out(`\n${fullyVerified.length} backends verified, ${gaps.length} gaps, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  mkdirSync(path.join(REPO, 'artifacts'), { recursive: true });
  writeFileSync(path.join(REPO, 'artifacts', 'verify-fixes.json'), JSON.stringify({ results: results.map((r) => ({ ...r, variant: { ...r.variant, broken: undefined } })), gaps }, null, 2));
  out(`verify: ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
