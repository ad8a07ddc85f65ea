// Every quoter round-trips every hostile string through the language's real interpreter: the literal it writes
// reads back as exactly the input, so nothing in it can run. An interpreter missing here is a stated skip.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goStr, javaStr, jsStr, pyStr, rubyStr } from './code.ts';
import { apacheStr, caddyStr, nginxStr } from './config.ts';
import { HOSTILE_STRINGS } from './hostile-corpus.ts';
import { Unquotable } from './refuse.ts';
import { psQuote, shQuote } from './shell.ts';

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const lone = (s: string): boolean => /\p{Cs}/u.test(s);

/** Runs `cmd` on a program printing the literals as JSON; returns the decoded list. */
function roundTrip(cmd: string, args: string[], file: string, program: string): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-quote-'));
  try {
    writeFileSync(join(dir, file), program);
    const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('code literals read back as exactly the hostile value', () => {
  it.skipIf(!has('python3'))('python3', () => {
    const lits = HOSTILE_STRINGS.map(pyStr).join(', ');
    const out = roundTrip('python3', ['x.py'], 'x.py', `import json\nprint(json.dumps([${lits}]))\n`);
    expect(out).toEqual(HOSTILE_STRINGS);
  });
  it('node (JavaScript and TypeScript literals)', () => {
    const lits = HOSTILE_STRINGS.map(jsStr).join(', ');
    const out = roundTrip(
      process.execPath,
      ['x.mjs'],
      'x.mjs',
      `process.stdout.write(JSON.stringify([${lits}]));\n`,
    );
    expect(out).toEqual(HOSTILE_STRINGS);
  });
  const utf8 = HOSTILE_STRINGS.filter((s) => !lone(s));
  it.skipIf(!has('ruby'))('ruby', () => {
    const lits = utf8.map(rubyStr).join(', ');
    const out = roundTrip('ruby', ['x.rb'], 'x.rb', `require "json"\nprint JSON.generate([${lits}])\n`);
    expect(out).toEqual(utf8);
  });
  it.skipIf(!has('go'))(
    'go',
    () => {
      const lits = utf8.map(goStr).join(', ');
      const program = `package main\n\nimport (\n\t"encoding/json"\n\t"os"\n)\n\nfunc main() {\n\tb, _ := json.Marshal([]string{${lits}})\n\tos.Stdout.Write(b)\n}\n`;
      expect(roundTrip('go', ['run', 'x.go'], 'x.go', program)).toEqual(utf8);
    },
    120_000,
  );
  it.skipIf(!has('java'))(
    'java (source-file mode)',
    () => {
      const lits = utf8.map(javaStr).join(', ');
      // Printed as \uXXXX JSON by hand: no JSON library in the JDK.
      const program = `public class X { public static void main(String[] a) { String[] v = {${lits}}; StringBuilder b = new StringBuilder("["); for (int i = 0; i < v.length; i++) { if (i > 0) b.append(','); b.append('"'); for (char c : v[i].toCharArray()) b.append(String.format("\\\\u%04x", (int) c)); b.append('"'); } System.out.print(b.append(']')); } }\n`;
      expect(roundTrip('java', ['X.java'], 'X.java', program)).toEqual(utf8);
    },
    120_000,
  );
  it('Go, Ruby and PHP refuse a lone surrogate instead of writing an invalid file', () => {
    expect(() => goStr('\ud83d')).toThrow(Unquotable);
    expect(() => rubyStr('\ud83d')).toThrow(Unquotable);
  });
});

describe('shell words', () => {
  const words = HOSTILE_STRINGS.filter((s) => !s.includes('\u0000') && !lone(s));
  it('bash reads every word back unchanged, and nothing runs', () => {
    const script = `printf '%s\\0' ${words.map(shQuote).join(' ')}\n`;
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(r.stdout.split('\u0000').slice(0, -1)).toEqual(words);
  });
  it('PowerShell quoting doubles every kind of single quote', () => {
    expect(psQuote("it's ‘x’")).toBe("'it''s ‘‘x’’'");
  });
});

describe('config values are quoted or refused, never expanded', () => {
  it.each([
    ['nginx', nginxStr, '$http_cookie'],
    ['Apache', apacheStr, '%{HTTP_COOKIE}e'],
    ['Apache', apacheStr, '${HOME}'],
    ['Caddy', caddyStr, '{http.request.header.Cookie}'],
    ['nginx', nginxStr, 'a\nb'],
  ])('%s refuses %j', (_t, q, v) => {
    expect(() => q(v)).toThrow(Unquotable);
  });
  it('quotes a plain origin', () => {
    expect(nginxStr('http://localhost:3000')).toBe('"http://localhost:3000"');
    expect(() => caddyStr('a"b')).toThrow(Unquotable);
    expect(() => nginxStr('a\\')).toThrow(Unquotable);
  });
});
