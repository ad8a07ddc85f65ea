// Header access per Fetch "get" / Chromium GetNormalizedHeader: case-insensitive names, lines joined with ", ",
// HTTP whitespace trimmed; token lists per RFC 9110 #rule with Chromium's empty-item skipping.
import { describe, expect, it } from 'vitest';
import { getHeader, headerEntries, headerLineCount, parseTokenList, trimHttpWhitespace } from './headers.ts';

describe('getHeader', () => {
  it.each([
    [{ 'Access-Control-Allow-Origin': 'http://a.test' }, 'access-control-allow-origin', 'http://a.test'],
    [{ 'access-control-allow-origin': 'http://a.test' }, 'ACCESS-CONTROL-ALLOW-ORIGIN', 'http://a.test'],
    [
      { 'access-control-allow-origin': ['http://a.test', 'http://b.test'] },
      'access-control-allow-origin',
      'http://a.test, http://b.test',
    ],
    [{ 'access-control-allow-origin': '  http://a.test \t' }, 'access-control-allow-origin', 'http://a.test'],
    [{ Vary: 'Origin', vary: 'Accept' }, 'vary', 'Origin, Accept'],
    [{ 'x-empty': '' }, 'x-empty', ''],
    [{ 'x-none': [] }, 'x-none', null],
    [{}, 'access-control-allow-origin', null],
  ] as const)('%j[%s] is %j', (headers, name, expected) => {
    expect(getHeader(headers, name)).toBe(expected);
  });

  it('counts header lines (a proxy and an app each adding ACAO)', () => {
    expect(
      headerLineCount(
        { 'Access-Control-Allow-Origin': ['a', 'b'], 'access-control-allow-origin': 'c' },
        'access-control-allow-origin',
      ),
    ).toBe(3);
    expect(headerLineCount({}, 'x')).toBe(0);
  });

  it('lists each header once, lowercased, with its combined value', () => {
    expect(headerEntries({ 'Content-Type': 'text/plain', 'X-A': ['1', '2'] })).toEqual([
      ['content-type', 'text/plain'],
      ['x-a', '1, 2'],
    ]);
  });

  it('trims only HTTP whitespace (space, tab, CR, LF)', () => {
    expect(trimHttpWhitespace(' \t\r\nx y\n')).toBe('x y');
    expect(trimHttpWhitespace('\u00a0x')).toBe('\u00a0x');
  });
});

describe('parseTokenList (Access-Control-Allow-Methods / -Headers)', () => {
  it.each([
    ['GET, POST', ['GET', 'POST']],
    ['GET, ,PUT', ['GET', 'PUT']], // empty items are skipped (Chromium 156, measured)
    [' content-type ,x-a', ['content-type', 'x-a']],
    ['*', ['*']],
    ['', []],
    ['GET;PUT', null], // ';' is not a tchar: the whole list is unparsable
    ['content-type;x-a', null],
    ['x a', null],
    ['"GET"', null],
  ] as const)('%j parses to %j', (value, expected) => {
    expect(parseTokenList(value)).toEqual(expected);
  });

  it('an absent header is an empty list', () => {
    expect(parseTokenList(null)).toEqual([]);
  });
});
