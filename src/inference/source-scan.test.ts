import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { offsetOf, scanSource } from './source-scan.ts';

// The verification matrix's real page script, as served, and as a bundler's minifier ships it.
const APP = readFileSync(new URL('../../test/verify/page/app.js', import.meta.url), 'utf8');
const MIN = transformSync(APP, { minify: true, format: 'esm' }).code;

/** Where DevTools' initiator frame points: the n-th occurrence of `needle` (1-based line and column). */
function siteOf(text: string, needle: string, n = 1): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i < n; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`no ${needle}`);
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}

describe('scanSource', () => {
  it("finds credentials: 'include' in the call's own options, readable and minified", () => {
    for (const text of [APP, MIN]) {
      const s = scanSource(text, siteOf(text, 'fetch(', 1));
      expect(s.credentials?.value).toBe('include');
      expect(s.near).toBe(true);
      expect(s.reads.map((r) => r.value)).toContain('x-request-id');
    }
    expect(MIN.split('\n').length).toBeLessThan(5); // really minified: the column locates the call
  });

  it('does not take a neighbour call’s options for a call without any: the script-wide include decides instead', () => {
    for (const text of [APP, MIN]) {
      const s = scanSource(text, siteOf(text, 'fetch(', 2)); // getChatAnonymous: fetch(url)
      expect(s.near).toBe(false);
      expect(s.credentials?.value).toBe('include');
    }
  });

  it("reads an XHR's withCredentials set before send(), readable and minified (true or !0)", () => {
    for (const text of [APP, MIN]) {
      const s = scanSource(text, siteOf(text, 'send()')); // DevTools' frame points at the property called
      expect(s.credentials).toMatchObject({ value: 'include' });
      expect(s.near).toBe(true);
    }
    expect(MIN).toMatch(/withCredentials=!0/);
  });

  it('knows the client libraries’ spellings', () => {
    const cases: [string, string, 'include' | 'not-include'][] = [
      ['axios', 'e.get(t,{withCredentials:!0}).then(n=>n.headers["x-total-count"])', 'include'],
      ['axios off', 'e.post(t,r,{withCredentials:!1})', 'not-include'],
      ['ky', 'ky.post(u,{credentials:"include",json:b})', 'include'],
      ['ofetch', "$fetch(u, { method: 'POST', credentials: 'include' })", 'include'],
      ['EventSource', 'new EventSource(u,{withCredentials:!0})', 'include'],
      ['fetch omit', 'fetch(u,{credentials:"omit"})', 'not-include'],
      ['fetch same-origin', "fetch(u, { credentials: 'same-origin' })", 'not-include'],
    ];
    for (const [name, code, want] of cases) {
      const s = scanSource(code, { line: 1, column: 1 });
      expect(s.credentials?.value, name).toBe(want);
    }
    expect(
      scanSource('e.get(t,{withCredentials:!0}).then(n=>n.headers["x-total-count"])', null).reads[0],
    ).toMatchObject({
      value: 'x-total-count',
    });
  });

  it('takes the OpenAI SDK style fetchOptions and crossorigin="use-credentials" from the whole script', () => {
    const sdk =
      "const c=new OpenAI({baseURL:B,fetchOptions:{credentials:'include'}});\nawait c.chat.completions.create(m)";
    expect(scanSource(sdk, { line: 2, column: 7 })).toMatchObject({
      near: false,
      credentials: { value: 'include', line: 1 },
    });
    const html =
      '<script type="module" src="http://127.0.0.1:8000/w.js" crossorigin="use-credentials"></script>';
    expect(scanSource(html, null).credentials?.value).toBe('include');
  });

  it("never trusts an unrelated call's 'omit' elsewhere in the script", () => {
    const code = 'fetch(a,{credentials:"omit"});\nfunction g(){return fetch(b)}';
    expect(scanSource(code, { line: 2, column: 21 }).credentials).toBeNull();
  });

  it('is total on junk positions and bounded on a huge minified line', () => {
    expect(offsetOf('ab', 9, 9)).toBe(2);
    expect(scanSource('', { line: 3, column: 400 }).credentials).toBeNull();
    const huge = `${'x=1;'.repeat(600_000)}fetch(u,{credentials:"include"})`;
    const s = scanSource(huge, { line: 1, column: huge.length - 32 });
    expect(s).toMatchObject({ near: true, credentials: { value: 'include' } });
  });
});
