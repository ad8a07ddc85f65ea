// Convention checks that keep the house style true without a reviewer having to remember it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });

const source = (dir: string) => walk(dir).filter((p) => /\.tsx?$/.test(p) && !/\.test\.tsx?$/.test(p));
const read = (p: string) => readFileSync(p, 'utf8');
/** Source without comments, so a comment that explains why we avoid `chrome.*` does not trip the check. */
const code = (p: string) =>
  read(p)
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');

describe('the pure layers', () => {
  const pure = ['src/engine', 'src/fixes', 'src/report', 'src/shared'].flatMap(source);

  it('exist', () => {
    expect(pure.length).toBeGreaterThan(10);
  });

  it.each(pure)('%s touches no browser API, clock or randomness', (file) => {
    const text = code(file);
    expect(text).not.toMatch(/\bchrome\.\w/);
    expect(text).not.toMatch(/\bbrowser\.\w+\.\w/);
    expect(text).not.toMatch(/\bDate\.now\(|\bnew Date\(\)|\bperformance\.now\(|\bMath\.random\(/);
    expect(text).not.toMatch(/\b(document|window)\.\w/);
    expect(text).not.toMatch(/from ['"]node:/);
  });
});

describe('engine rules', () => {
  const rules = source('src/engine/rules');

  it('are one file each', () => {
    expect(rules.length).toBeGreaterThan(5);
  });

  it.each(rules)('%s ends with its references', (file) => {
    expect(read(file)).toMatch(/References:[\s\S]*(fetch\.spec\.whatwg\.org|developer\.mozilla\.org)/);
  });
});

describe('the platform boundary', () => {
  it('only src/platform imports webextension-polyfill', () => {
    const offenders = ['src', 'panel']
      .flatMap(source)
      .filter((f) => !f.startsWith('src/platform/') && /from ['"]webextension-polyfill['"]/.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it('in the panel, only the entry file touches chrome.*', () => {
    const offenders = source('panel').filter(
      (f) => f !== join('panel', 'main.tsx') && /\bchrome\.\w/.test(code(f)),
    );
    expect(offenders).toEqual([]);
  });
});

describe('one version', () => {
  // package.json holds it; vite.config.ts writes it into the built manifest, and the CLI and reports read it.
  const pkg = JSON.parse(read('package.json')) as { version: string };

  it('manifest.json says the same version as package.json', () => {
    expect((JSON.parse(read('manifest.json')) as { version: string }).version).toBe(pkg.version);
  });

  it('CHANGELOG.md has a section for it', () => {
    expect(read('CHANGELOG.md')).toContain(`## ${pkg.version}`);
  });
});
