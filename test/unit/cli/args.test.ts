// Argument parsing: every bad input is one UsageError line (main.ts turns it into exit 2).
import { describe, expect, it } from 'vitest';
import { parseCli, parseHeaderLine, parseOrigin } from '../../../src/cli/args.ts';
import { UsageError } from '../../../src/cli/errors.ts';

describe('parseCli', () => {
  it('parses check with repeated -H, credentials, backend and timeout', () => {
    const a = parseCli([
      'check',
      'http://127.0.0.1:8000/api',
      '--origin',
      'http://localhost:3000',
      '--method',
      'put',
      '-H',
      'Content-Type: application/json',
      '-H',
      'X-Trace:  1 ',
      '--credentials',
      '--backend',
      'express',
      '--timeout',
      '500',
      '--json',
      '--emit-test',
      'cors_tests',
    ]);
    expect(a).toEqual({
      command: 'check',
      url: 'http://127.0.0.1:8000/api',
      origin: 'http://localhost:3000',
      method: 'PUT',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Trace', '1'],
      ],
      credentials: true,
      backend: 'express',
      json: true,
      timeoutMs: 500,
      emitTest: 'cors_tests',
    });
  });

  it('keeps PATCH and other methods as written, like a browser', () => {
    const a = parseCli(['check', 'http://a.test/', '--origin', 'http://b.test', '--method', 'patch']);
    expect(a.command === 'check' && a.method).toBe('patch');
  });

  it('defaults: GET, 10 s timeout, no credentials', () => {
    const a = parseCli(['check', 'http://a.test/x', '--origin', 'https://b.test']);
    expect(a).toMatchObject({
      method: 'GET',
      timeoutMs: 10_000,
      credentials: false,
      backend: null,
      json: false,
      headers: [],
    });
  });

  it('parses replay and record', () => {
    expect(parseCli(['replay', 'a.json', 'b.json'])).toEqual({
      command: 'replay',
      files: ['a.json', 'b.json'],
      json: false,
      timeoutMs: 10_000,
    });
    expect(
      parseCli(['record', 'http://localhost:3000/', '--wait', '2000', '--md', '--out', 'r.md']),
    ).toMatchObject({ command: 'record', waitMs: 2000, format: 'md', out: 'r.md' });
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['check', 'http://a.test/', '--origin', 'http://b.test', '--bogus'], /Unknown option '--bogus'/],
    [['check', 'http://a.test/'], /--origin <origin> is required/],
    [['check', '--origin', 'http://b.test'], /missing <url>/],
    [['check', 'not a url', '--origin', 'http://b.test'], /<url> is not a valid URL/],
    [['check', 'ftp://a.test/', '--origin', 'http://b.test'], /must be http or https/],
    [
      ['check', 'http://a.test/', '--origin', 'http://b.test/'],
      /no path or trailing slash \(did you mean http:\/\/b.test\?\)/,
    ],
    [['check', 'http://a.test/', '--origin', 'http://b.test', '-H', 'no colon'], /malformed header/],
    [
      ['check', 'http://a.test/', '--origin', 'http://b.test', '-H', 'Origin: http://c.test'],
      /forbidden request header\); use --origin/,
    ],
    [['check', 'http://a.test/', '--origin', 'http://b.test', '--method', 'GE T'], /not a valid HTTP method/],
    [
      ['check', 'http://a.test/', '--origin', 'http://b.test', '--timeout=0'],
      /positive number of milliseconds/,
    ],
    [['check', 'http://a.test/', 'http://c.test/', '--origin', 'http://b.test'], /unexpected argument/],
    [['record', 'http://a.test/', '--json', '--md'], /exclusive/],
    [
      ['check', 'http://a.test/', '--origin', 'http://b.test', '--timeout'],
      /^Option '--timeout <value>' argument missing$/,
    ],
    [['replay'], /missing <report.json>/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCli(argv)).toThrow(UsageError);
    expect(() => parseCli(argv)).toThrow(message);
  });

  it('maps help and version', () => {
    expect(parseCli([])).toEqual({ command: 'help' });
    expect(parseCli(['--help'])).toEqual({ command: 'help' });
    expect(parseCli(['--version'])).toEqual({ command: 'version' });
  });
});

describe('value parsers', () => {
  it('accepts an origin only in its serialised form', () => {
    expect(parseOrigin('https://app.example.com:8443')).toBe('https://app.example.com:8443');
    expect(() => parseOrigin('https://app.example.com:443')).toThrow(
      /did you mean https:\/\/app.example.com/,
    );
  });

  it('splits a header line at the first colon', () => {
    expect(parseHeaderLine('Authorization: Bearer a:b')).toEqual(['Authorization', 'Bearer a:b']);
    expect(() => parseHeaderLine(': x')).toThrow(UsageError);
    expect(parseHeaderLine('X-Name: Zoë')).toEqual(['X-Name', 'Zoë']); // Latin-1 is a byte string
    expect(() => parseHeaderLine('X-Name: ✓')).toThrow(/characters a browser cannot send/);
    expect(() => parseHeaderLine('X-A: a\u0000b')).toThrow(/characters a browser cannot send/);
  });
});
