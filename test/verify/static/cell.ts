// The static-asset cells (issue #12): a static file server that sends no CORS headers serves a page's web font,
// module script and crossorigin image. With DevTools open on the CORS panel the page is loaded; each asset must fail
// with Chrome's CorsError (CDP) and be a row of its kind; the fix for this backend is copied from each row with the
// Copy button and every copied snippet pasted into the server's config as copied, the server restarted and the page
// loaded again: the font face loads, the module runs, the image decodes, and the panel (with "All cross-origin")
// shows the three loads allowed and no failure. The same page from another origin is still refused, and a raw
// request from https://evil.example gets no Access-Control-Allow-Origin for it.
import type { Page } from '@playwright/test';
import type { Launched } from '../../../src/cli/launch.ts';
import { poll } from '../../../src/cli/poll.ts';
import { untilInspected } from '../../e2e/capture-helpers.ts';
import { openCorsPanel } from '../../support/devtools.ts';
import { freePort, start, stop, workDir, type Running } from '../harness.ts';
import { copyFix, type PanelFix } from '../panel-pass.ts';
import { ASSETS, type AssetKind } from './assets.ts';
import { corsErrors, HOSTILE, hostileProbe, load, rowOf, rowsShown } from './checks.ts';
import type { StaticTarget } from './servers.ts';

export interface StaticResult {
  backend: string;
  kind: AssetKind;
  status: 'pass' | 'fail';
  /** Chrome's CorsError for the asset from the broken server. */
  brokenError: string | null;
  fix: PanelFix | null;
  steps: string[];
  ms: number;
}

/** Every snippet of every copied fix, as copied, into the region its position names (snippet i → region i). */
export function pasteAll(fixes: readonly PanelFix[]): string[] {
  const regions: string[] = [];
  for (const f of fixes)
    f.snippets.forEach((s, i) => {
      regions[i] = regions[i] === undefined ? s.code : `${regions[i]}\n${s.code}`;
    });
  return regions;
}

async function serve(t: StaticTarget, regions: string[], port: number, label: string): Promise<Running> {
  return start(t.prepare(workDir(`static-${t.backend}-${label}`), regions, port));
}

/** One backend's static cells (one per asset kind) in the extension browser `l`, DevTools-log capture. */
export async function runStaticCells(
  l: Launched,
  t: StaticTarget,
  pagePort: number,
): Promise<StaticResult[]> {
  const t0 = Date.now();
  const origin = `http://localhost:${pagePort}`;
  const results: StaticResult[] = ASSETS.map((a) => ({
    backend: t.backend,
    kind: a.kind,
    status: 'fail',
    brokenError: null,
    fix: null,
    steps: [],
    ms: 0,
  }));
  const all = (s: string): void => {
    for (const r of results) r.steps.push(s);
  };
  const pages: Page[] = [];
  const servers: Running[] = [];
  try {
    // 1. The broken server; DevTools open on the CORS panel before the page loads, as a user reloads with it open.
    const broken = await freePort();
    servers.push(await serve(t, [], broken, 'broken'));
    const page = await l.context.newPage();
    pages.push(page);
    await page.goto(`${origin}/`);
    const pn = await openCorsPanel(l.context, page, l.extensionId ?? '');
    const sw = l.serviceWorker;
    if (sw) await untilInspected(sw, page);
    const { errors } = await corsErrors(page);
    const before = await load(page, origin, broken);
    all(`broken: loaded ${JSON.stringify(before)}`);
    const url = (port: number, p: string): string => `http://127.0.0.1:${port}${p}`;
    await poll(
      () => Promise.resolve(ASSETS.every((a) => errors.has(url(broken, a.path))) || undefined),
      5_000,
      "Chrome's CORS errors",
    ).catch(() => undefined);

    // 2. Each asset's row: its kind, and the fix copied for this backend.
    const fixes: PanelFix[] = [];
    for (const [i, a] of ASSETS.entries()) {
      const r = results[i];
      if (!r) continue;
      r.brokenError = errors.get(url(broken, a.path)) ?? null;
      const row = rowOf(url(broken, a.path));
      const fix = await copyFix(l, pn, page, row, t.backend, 'stable');
      const kind = await pn.evaluate<string>(`(${row}).querySelector('[data-testid="kind"]').textContent`);
      r.fix = fix;
      r.steps.push(
        `Chrome ${r.brokenError ?? '-'}; panel row kind ${kind}; preselected ${fix.preselected}; ${fix.snippets.length} snippet(s)`,
      );
      const joined = fix.snippets.map((s) => s.code).join('\n\n');
      if (before[a.kind] || r.brokenError !== 'MissingAllowOriginHeader' || kind !== a.kind)
        r.steps.push('not the expected failure');
      else if (fix.snippets.length === 0 || fix.clipboard !== joined)
        r.steps.push(`clipboard does not hold the shown snippets (${fix.clipboard.length} chars)`);
      else fixes.push(fix);
    }
    await Promise.all(servers.splice(0).map(stop));
    if (fixes.length < ASSETS.length) return results;

    // 3. Everything copied, pasted as copied; a new port, so Chromium's cache cannot answer for the old server.
    const fixedPort = await freePort();
    servers.push(await serve(t, pasteAll(fixes), fixedPort, 'fixed'));
    const after = await load(page, origin, fixedPort);
    all(`fixed: loaded ${JSON.stringify(after)}`);
    const shown = await rowsShown(pn, `http://127.0.0.1:${fixedPort}`, ASSETS.length);

    // 4. Another origin's page (no DevTools needed) is still refused; a hostile raw request gets no ACAO.
    const other = await l.context.newPage();
    pages.push(other);
    const { errors: otherErrors } = await corsErrors(other);
    const hostile = await load(other, `http://127.0.0.1:${pagePort}`, fixedPort);
    for (const [i, a] of ASSETS.entries()) {
      const r = results[i];
      if (!r) continue;
      const rows = shown.get(url(fixedPort, a.path)) ?? [];
      r.steps.push(
        `panel ("All cross-origin"): ${rows.map((ok) => (ok ? 'allowed' : 'FAILURE')).join(', ') || 'no row'}`,
      );
      const probe = await hostileProbe(fixedPort, a.path);
      const refused = otherErrors.get(url(fixedPort, a.path)) ?? 'no CORS error';
      r.steps.push(
        `other origin: loaded ${String(hostile[a.kind])} (${refused}); raw ${HOSTILE}: ${probe ?? 'not allowed'}`,
      );
      if (
        after[a.kind] &&
        rows.length > 0 &&
        rows.every((ok) => ok) &&
        !hostile[a.kind] &&
        refused !== 'no CORS error' &&
        probe === null
      )
        r.status = 'pass';
    }
    return results;
  } catch (e) {
    all(`error: ${e instanceof Error ? e.message.slice(0, 1500) : String(e)}`);
    return results;
  } finally {
    await Promise.all(servers.map(stop));
    for (const p of pages) await p.close().catch(() => undefined);
    const ms = Math.round((Date.now() - t0) / results.length);
    for (const r of results) r.ms = ms;
  }
}
