// Every generator, fed hostile methods, header names, origins and paths directly (the gate bypassed), either
// refuses (Unquotable) or writes snippets the language's real parser accepts; and through the gate (fixOutcome)
// a name that is not a plain token is refused with a reason, never written. Parsers: test/support/parsers.ts.
import { describe, expect, it } from 'vitest';
import { FIX_GENERATORS, fixOutcome } from '../index.ts';
import type { BackendId, FixGenerator, FixRequest, Snippet } from '../types.ts';
import { inputOf } from '../test-support.ts';
import { parseFixes, parseSnippets } from '../../../test/support/parsers.ts';
import { HOSTILE_STRINGS, HOSTILE_TOKENS } from './hostile-corpus.ts';
import { Unquotable } from './refuse.ts';

const ids = Object.keys(FIX_GENERATORS) as BackendId[];
const values = [...HOSTILE_TOKENS, ...HOSTILE_STRINGS];
const CASES: Partial<FixRequest>[] = values.flatMap((v) => [
  { method: v },
  { requestHeaders: [v] },
  { exposeHeaders: [v] },
  { origin: v },
  { origin: `http://${v}` },
  { url: `http://127.0.0.1:8000/${v}/x` },
  // Static assets get other snippets (a location or matcher per file type, a CloudFront policy: assets.ts).
  { kind: 'font', origin: v, method: 'GET', requestHeaders: [], credentials: false },
  { kind: 'image', url: `http://127.0.0.1:8000/${v}/x.png`, exposeHeaders: [v] },
]);

/** Snippets of every generator × case, by language, each list one fix's snippets; refusals counted. */
function generateAll(): { byLanguage: Map<string, string[][]>; refused: number; written: number } {
  const byLanguage = new Map<string, string[][]>();
  let refused = 0;
  let written = 0;
  for (const id of ids)
    for (const c of CASES) {
      let snippets: Snippet[];
      try {
        snippets = (FIX_GENERATORS[id] as FixGenerator).generate(
          inputOf('PreflightMissingAllowOriginHeader', c),
        ).snippets;
      } catch (e) {
        if (!(e instanceof Unquotable)) throw e;
        refused++;
        continue;
      }
      written++;
      const perLang = new Map<string, string[]>();
      for (const s of snippets) perLang.set(s.language, [...(perLang.get(s.language) ?? []), s.code]);
      for (const [lang, codes] of perLang) byLanguage.set(lang, [...(byLanguage.get(lang) ?? []), codes]);
    }
  return { byLanguage, refused, written };
}

describe('generators over the hostile corpus (gate bypassed)', () => {
  const { byLanguage, refused, written } = generateAll();
  it('writes or refuses every case', () => {
    expect(refused + written).toBe(ids.length * CASES.length);
    expect(written).toBeGreaterThan(0);
  });
  for (const [lang, fixes] of byLanguage)
    it(`${lang}: ${fixes.length} fixes parse with the real parser`, (ctx) => {
      let r = parseFixes(lang, fixes);
      if ('skipped' in r) return ctx.skip(r.skipped);
      // Name the offending fix in the message.
      const bad = r.ok ? undefined : fixes.find((f) => !('ok' in (r = parseSnippets(lang, f)) && r.ok));
      expect(r, bad?.join('\n---\n')).toEqual({ ok: true });
    }, 300_000);
});

describe('each parser rejects broken code (a parser that accepts everything would prove nothing)', () => {
  it.each([
    ['php', ["<?php\nreturn ['a' => 1,;\n"]],
    ['python', ['x = (']],
    ['shell', ["echo 'unterminated"]],
    ['ruby', ['def x(']],
  ])('%s', (lang, broken) => {
    const r = parseSnippets(lang, broken);
    if ('skipped' in r) return;
    expect(r.ok).toBe(false);
  });
});

describe('the gate refuses names that are not plain tokens', () => {
  it.each(HOSTILE_TOKENS.filter((t) => t !== 'constructor' && t !== '__proto__'))('%j', (token) => {
    for (const id of ids)
      for (const over of [{ method: token }, { requestHeaders: [token] }, { exposeHeaders: [token] }]) {
        const out = fixOutcome(id, inputOf('PreflightMissingAllowOriginHeader', over));
        expect(out.fix, `${id} ${JSON.stringify(over)}`).toBeNull();
        expect(out.reason).toMatch(/is not a plain token/);
      }
  });
  it('a method Next.js cannot export is refused with the reason, other backends still get a fix', () => {
    const input = inputOf('PreflightMissingAllowOriginHeader', { method: 'PROPFIND' });
    expect(fixOutcome('nextjs', input).reason).toMatch(/route handlers are exported only for/);
    expect(fixOutcome('express', input).fix).not.toBeNull();
  });
  it('constructor and __proto__ are plain names: fixes are written and list them', () => {
    for (const name of ['constructor', '__proto__']) {
      const fix = fixOutcome(
        'express',
        inputOf('PreflightMissingAllowOriginHeader', { requestHeaders: [name] }),
      ).fix;
      expect(fix?.snippets[0]?.code ?? 'no fix').toContain(`'${name.toLowerCase()}'`);
    }
  });
});
