// Shared by the panel e2e specs: run fixture scenarios from the page, read the inspected tab's id from the
// service worker, validate exports against the report schema, run axe-core injected into a frame, and watch the
// panel's connection state.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import type { Page } from '@playwright/test';
import { SCENARIOS } from '../fixtures/scenarios.ts';
import type { FixtureServers } from '../fixtures/cors-server.ts';
import { REPORT_SCHEMA } from '../../src/report/schema.ts';

export const SECRET = 'sk-live-SECRET';

/** Scenarios the panel e2e tests replay; one sends the fixture Authorization secret. */
export const PANEL_SCENARIOS = [
  'missing-acao',
  'wrong-origin',
  'authorization-not-allowed',
  'preflight-405',
  'method-not-allowed',
];

export async function runScenarios(
  page: Page,
  servers: FixtureServers,
  ids = PANEL_SCENARIOS,
  tag = 'e2e',
): Promise<void> {
  for (const id of ids) {
    const s = SCENARIOS.find((x) => x.id === id);
    if (!s) throw new Error(`unknown scenario ${id}`);
    const init = {
      method: s.request.method,
      headers: s.request.headers ?? {},
      credentials: s.request.credentials ?? 'same-origin',
      ...(s.request.body ? { body: s.request.body } : {}),
    };
    await page.evaluate(
      ([u, i]) =>
        (window as unknown as { corsLensRun: (u: string, i: object) => Promise<unknown> }).corsLensRun(u, i),
      [`${servers.urlOf(id)}?t=${tag}`, init] as const,
    );
  }
}

export { tabIdOf } from '../../src/cli/launch.ts';

const validateReport = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(REPORT_SCHEMA);
export function schemaErrors(json: unknown): string | null {
  return validateReport(json) ? null : JSON.stringify(validateReport.errors);
}

export const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's source as an expression: evaluated over CDP (Runtime.evaluate), which the extension page's CSP does not
 * block, unlike an injected <script>. */
export const AXE_INJECT = `${AXE_SOURCE}\n;typeof window.axe`;

/** An expression resolving to axe's violations within `selector` (inject AXE_INJECT first). */
export const axeExpression = (selector: string): string => `(async () => {
  const r = await window.axe.run(document.querySelector(${JSON.stringify(selector)}), { resultTypes: ['violations'] });
  return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
})()`;

/** Records every text the panel's connection state shows from now on (a MutationObserver in the panel page); the
 * returned function reads the states seen so far, in order. */
export async function watchConnection(panel: Page): Promise<() => Promise<string[]>> {
  await panel.evaluate(() => {
    const seen: string[] = [];
    const el = document.querySelector('[data-testid="connection"]');
    if (el)
      new MutationObserver(() => seen.push(el.textContent)).observe(el, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    (window as unknown as { connectionStates: string[] }).connectionStates = seen;
  });
  return () => panel.evaluate(() => (window as unknown as { connectionStates: string[] }).connectionStates);
}
