// docs/engine.md stays in step with the engine: every cause code's row is the CAUSES table's, every hint is listed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CAUSES } from './causes.ts';
import type { HintCode } from './types.ts';

// Prettier pads table cells, so runs of spaces are compared as one.
const squash = (s: string): string => s.replace(/ +/g, ' ');
const doc = squash(readFileSync(new URL('../../docs/engine.md', import.meta.url), 'utf8'));
const cell = (v: string | null): string => (v === null ? '—' : `\`${v}\``);

describe('docs/engine.md', () => {
  it.each(Object.entries(CAUSES))(
    'documents %s with its Chrome name, Firefox key and headline',
    (code, c) => {
      expect(doc).toContain(
        `| \`${code}\` | ${cell(c.chrome)} | ${cell(c.firefox)} | ${c.headline.replaceAll('|', '\\|')} |`,
      );
    },
  );

  const hints: Record<HintCode, true> = {
    'acao-trailing-slash': true,
    'acao-has-path': true,
    'localhost-vs-127': true,
    'port-mismatch': true,
    'scheme-mismatch': true,
    'duplicate-acao': true,
    'missing-vary-origin': true,
    'stale-preflight-cache': true,
    'authorization-wildcard': true,
    'no-cors-opaque': true,
    'local-network-access': true,
    'masked-status': true,
    'tainted-origin': true,
    'credentials-inferred': true,
    'header-not-exposed': true,
    'preflight-cached': true,
  };
  it.each(Object.keys(hints))('lists the hint %s', (hint) => {
    expect(doc).toContain(`\`${hint}\``);
  });
});
