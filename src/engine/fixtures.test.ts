// Table-driven over test/fixtures/cors/<rule-id>/*.json (house-style §6): each fixture is evidence (an Observed for
// diagnose, or a request and server model for simulateFetch) with the verdict measured on Chromium 156 or taken
// from the Fetch Standard. Every rule in src/engine/rules/ has its fixture folder.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnose.ts';
import { simulateFetch } from './simulate.ts';
import type { Observed, ServerModel, SimRequest } from './types.ts';

interface Fixture {
  note: string;
  observed?: Observed;
  simulate?: { request: SimRequest; server: ServerModel };
  expect: Record<string, unknown> & { hints?: string[] };
}

const root = new URL('../../test/fixtures/cors/', import.meta.url);
const rules = readdirSync(new URL('./rules/', import.meta.url))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3));
const fixtures = readdirSync(root).flatMap((rule) =>
  readdirSync(new URL(`${rule}/`, root)).map((file) => {
    const fixture = JSON.parse(readFileSync(new URL(`${rule}/${file}`, root), 'utf8')) as Fixture;
    return [`${rule}/${file}`, fixture] as const;
  }),
);

describe('fixtures', () => {
  it.each(rules)('rule %s has a fixture folder', (rule) => {
    expect(readdirSync(root)).toContain(rule);
  });

  it.each(fixtures)('%s', (_name, f) => {
    const { hints, ...fields } = f.expect;
    if (f.observed !== undefined) {
      const d = diagnose(f.observed);
      expect(d).toMatchObject(fields);
      if (hints !== undefined) expect(d.hints.map((h) => h.code)).toEqual(expect.arrayContaining(hints));
    } else if (f.simulate !== undefined) {
      expect(simulateFetch(f.simulate.request, f.simulate.server)).toMatchObject(fields);
    } else throw new Error(`${f.note}: neither observed nor simulate`);
  });
});
