// Meta-tests (refined-github style): conventions enforced by tests, not reviewers.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import type { CauseCode } from '../engine/types.ts';
import type { BackendId } from './types.ts';
import { FIX_GENERATORS, GENERATOR_ORDER, NO_FIX_REASON, generateFix } from './index.ts';
import { inputOf } from './test-support.ts';

const ALL_BACKENDS: BackendId[] = [
  'fastapi',
  'express',
  'flask',
  'nginx',
  'nextjs',
  'aiohttp',
  'django',
  'fastify',
  'hono',
  'nestjs',
  'koa',
  'spring',
  'aspnet',
  'go-rs-cors',
  'gin',
  'echo',
  'rails',
  'laravel',
  'apache',
  'caddy',
  'aws',
  'cloudflare',
  'headers',
];
const dir = new URL('.', import.meta.url);

describe('registry', () => {
  it('has a generator for every backend, in its own file named after the id', () => {
    expect([...GENERATOR_ORDER].sort()).toEqual([...ALL_BACKENDS].sort());
    for (const id of ALL_BACKENDS) {
      expect(FIX_GENERATORS[id]?.id).toBe(id);
      expect(readdirSync(dir)).toContain(`${id}.ts`);
    }
  });
  it('every generator file starts with a why-header and ends with references', () => {
    for (const id of ALL_BACKENDS) {
      const src = readFileSync(new URL(`${id}.ts`, dir), 'utf8');
      expect(src.startsWith('// ')).toBe(true);
      expect(src.trimEnd().split('\n').at(-1)).toMatch(/^\/\/ References: /);
    }
  });
});

describe('every backend handles every cause code or says why not', () => {
  const codes = Object.keys(NO_FIX_REASON) as CauseCode[];
  it.each(codes)('%s', (code) => {
    const reason = NO_FIX_REASON[code];
    for (const id of ALL_BACKENDS) {
      const fix = generateFix(id, inputOf(code));
      if (reason === null) {
        expect(fix, `${id} × ${code}`).not.toBeNull();
        expect(fix?.security, `${id} × ${code}`).toEqual([]);
      } else {
        expect(fix).toBeNull();
        expect(reason.length).toBeGreaterThan(20);
      }
    }
  });
});
