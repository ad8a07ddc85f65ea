// The preflight's own rules: redirect, status, Access-Control-Allow-Methods and -Headers (Fetch Standard §4.8,
// Chromium preflight_result.cc), with the Chromium 156 behaviours measured in docs/chromium-behaviour.md#measured-quirks.
import { describe, expect, it } from 'vitest';
import { checkHeadersAllowed, parseAllowHeaders } from './allow-headers.ts';
import { checkMethodAllowed, parseAllowMethods } from './allow-methods.ts';
import { checkPreflightRedirect, isRedirect } from './preflight-redirect.ts';
import { checkPreflightStatus } from './preflight-status.ts';

describe('preflight-status', () => {
  it.each([
    [200, true],
    [204, true],
    [299, true],
    [199, false],
    [300, false],
    [404, false],
    [405, false],
    [500, false],
  ])('%i ok=%s', (status, ok) => {
    expect(checkPreflightStatus(status) === null).toBe(ok);
  });
});

describe('preflight-redirect', () => {
  it.each([301, 302, 303, 307, 308])('%i with Location is a redirect', (status) => {
    expect(checkPreflightRedirect({ status, headers: { location: '/login' } })?.corsError).toBe(
      'PreflightDisallowedRedirect',
    );
  });
  it('a 3xx without Location, or 300/304, is not', () => {
    expect(isRedirect({ status: 302, headers: {} })).toBe(false);
    expect(isRedirect({ status: 304, headers: { location: '/' } })).toBe(false);
  });
});

describe('allow-methods', () => {
  it.each([
    ['PUT', 'GET, PUT', false, null],
    ['PUT', 'GET, POST', false, 'PUT'],
    ['PATCH', 'patch', false, 'PATCH'], // byte-exact: measured on Chromium 156
    ['patch', 'PATCH', false, 'patch'], // a lowercase request method is not normalised (measured)
    ['PUT', '*', false, null],
    ['PUT', '*', true, 'PUT'], // * is a literal name for credentialed requests
    ['GET', '', true, null], // safelisted methods need no listing
    ['POST', 'PUT', false, null],
  ] as const)('%s against %j (credentials %s) → %s', (method, acam, creds, failed) => {
    const list = parseAllowMethods({ 'access-control-allow-methods': acam });
    if (!Array.isArray(list)) throw new Error('unparsable');
    expect(checkMethodAllowed(method, list, creds)?.failedParameter ?? null).toBe(failed);
  });

  it('an unparsable list fails with InvalidAllowMethodsPreflightResponse', () => {
    expect(parseAllowMethods({ 'access-control-allow-methods': 'GET;PUT' })).toEqual({
      corsError: 'InvalidAllowMethodsPreflightResponse',
      failedParameter: '',
    });
  });
});

describe('allow-headers', () => {
  const check = (
    unsafe: string[],
    acah: string,
    creds: boolean,
    browser: 'chrome' | 'standard' = 'chrome',
  ) => {
    const list = parseAllowHeaders({ 'access-control-allow-headers': acah });
    if (!Array.isArray(list)) throw new Error('unparsable');
    return checkHeadersAllowed(unsafe, list, creds, browser);
  };

  it.each([
    [['content-type'], 'Content-Type', false, null],
    [['content-type', 'x-a'], 'content-type', false, 'x-a'],
    [['x-a'], '*', false, null],
    [['x-a'], '*', true, 'x-a'], // * is void with credentials
    [['authorization'], '*', true, 'authorization'],
    [['authorization'], 'authorization', true, null],
  ] as const)('%j against %j (credentials %s) → %s', (unsafe, acah, creds, failed) => {
    expect(check([...unsafe], acah, creds).failure?.failedParameter ?? null).toBe(failed);
  });

  it('Authorization under ACAH *: Chrome lets it through with a warning, the standard blocks it', () => {
    expect(check(['authorization'], '*', false, 'chrome')).toEqual({
      failure: null,
      authorizationByWildcard: true,
    });
    expect(check(['authorization'], '*', false, 'standard').failure).toEqual({
      corsError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'authorization',
    });
  });

  it('an unparsable list fails with InvalidAllowHeadersPreflightResponse', () => {
    expect(parseAllowHeaders({ 'access-control-allow-headers': 'content-type;x-a' })).toEqual({
      corsError: 'InvalidAllowHeadersPreflightResponse',
      failedParameter: '',
    });
  });
});
