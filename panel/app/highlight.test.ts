import { describe, expect, it } from 'vitest';
import { tokenize } from './highlight.ts';

const kinds = (code: string, lang: string) =>
  tokenize(code, lang)
    .filter((t) => t.type !== 'plain')
    .map((t) => `${t.type}:${t.text}`);

describe('tokenize', () => {
  it('finds strings, numbers, keywords and comments per language family', () => {
    expect(kinds('const x = "a#b"; // note', 'javascript')).toEqual([
      'keyword:const',
      'string:"a#b"',
      'comment:// note',
    ]);
    expect(kinds('add_header Access-Control-Max-Age 600 always; # cache', 'nginx')).toEqual([
      'keyword:add_header',
      'number:600',
      'keyword:always',
      'comment:# cache',
    ]);
    expect(kinds('proxy_pass http://api:8000;', 'nginx')).toEqual(['number:8000']);
  });

  it('keeps token kinds right for languages without comments (http)', () => {
    expect(kinds('HTTP/1.1 204 No Content\nVary: "Origin"', 'http')).toEqual([
      'number:1.1',
      'number:204',
      'string:"Origin"',
    ]);
  });

  it('loses no character and never interprets markup', () => {
    const code = '<script>alert("x")</script>\n/* a */ `t`';
    expect(
      tokenize(code, 'typescript')
        .map((t) => t.text)
        .join(''),
    ).toBe(code);
  });
});
