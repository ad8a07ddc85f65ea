// The panel's conventions, enforced as a test rather than by review: components never write signals, nothing
// renders markup from strings, and only the entry file touches chrome.* (docs/development.md#conventions-the-review-checks).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? files(join(dir, d.name))
      : /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name)
        ? [join(dir, d.name)]
        : [],
  );
const source = (dir: string) => files(dir).map((f) => ({ f, text: readFileSync(f, 'utf8') }));

describe('panel conventions', () => {
  it('components never assign to a signal: state changes go through store actions', () => {
    expect(
      source('panel/app')
        .filter(({ text }) => /\.value\s*=[^=]/.test(text))
        .map(({ f }) => f),
    ).toEqual([]);
  });

  it('nothing renders markup from a string', () => {
    const offenders = [...source('panel'), ...source('src/report')].filter(({ text }) =>
      /dangerouslySetInnerHTML|innerHTML|insertAdjacentHTML/.test(text),
    );
    expect(offenders.map(({ f }) => f)).toEqual([]);
  });

  it('only panel/main.tsx touches chrome.*', () => {
    const offenders = source('panel').filter(
      ({ f, text }) =>
        f !== join('panel', 'main.tsx') && /\bchrome\./.test(text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')),
    );
    expect(offenders.map(({ f }) => f)).toEqual([]);
  });

  it('every module starts with a comment saying what it is for', () => {
    const bare = source('panel').filter(({ text }) => !text.startsWith('//'));
    expect(bare.map(({ f }) => f)).toEqual([]);
  });
});
