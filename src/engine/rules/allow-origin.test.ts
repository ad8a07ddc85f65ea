// The ACAO check in Chromium's order (docs/engine.md#the-order-of-checks-chromiums), values measured on Chromium 156 where noted.
import { describe, expect, it } from 'vitest';
import { checkAccess } from '../cors-check.ts';
import { checkAllowOrigin } from './allow-origin.ts';

const ORIGIN = 'http://localhost:3000';

describe('checkAllowOrigin', () => {
  it.each([
    [{}, false, 'MissingAllowOriginHeader', ''],
    [{ 'access-control-allow-origin': '*' }, true, 'WildcardOriginNotAllowed', ''],
    [
      { 'access-control-allow-origin': 'http://localhost:3000, http://other' },
      false,
      'MultipleAllowOriginValues',
      'http://localhost:3000, http://other',
    ],
    [
      { 'access-control-allow-origin': ['http://localhost:3000', 'http://localhost:3000'] },
      false,
      'MultipleAllowOriginValues',
      'http://localhost:3000, http://localhost:3000',
    ],
    [{ 'access-control-allow-origin': 'null' }, false, 'AllowOriginMismatch', 'null'],
    [{ 'access-control-allow-origin': 'none' }, false, 'InvalidAllowOriginValue', 'none'],
    [{ 'access-control-allow-origin': '' }, false, 'InvalidAllowOriginValue', ''],
    [{ 'access-control-allow-origin': "'*'" }, false, 'InvalidAllowOriginValue', "'*'"],
    [
      { 'access-control-allow-origin': '//localhost:3000' },
      false,
      'InvalidAllowOriginValue',
      '//localhost:3000',
    ],
    [
      { 'access-control-allow-origin': 'http://host:8000:80' },
      false,
      'InvalidAllowOriginValue',
      'http://host:8000:80',
    ],
    [
      { 'access-control-allow-origin': 'http://evil.example' },
      false,
      'AllowOriginMismatch',
      'http://evil.example',
    ],
    [
      { 'access-control-allow-origin': 'http://localhost:3000/' },
      false,
      'AllowOriginMismatch',
      'http://localhost:3000/',
    ],
    [
      { 'access-control-allow-origin': 'HTTP://LOCALHOST:3000' },
      false,
      'AllowOriginMismatch',
      'HTTP://LOCALHOST:3000',
    ],
    [
      { 'access-control-allow-origin': 'ftp://localhost:3000' },
      false,
      'AllowOriginMismatch',
      'ftp://localhost:3000',
    ],
  ] as const)('%j (credentials %s) → %s', (headers, creds, corsError, failedParameter) => {
    expect(checkAllowOrigin(headers, ORIGIN, creds)).toEqual({ corsError, failedParameter });
  });

  it.each([
    [{ 'access-control-allow-origin': ORIGIN }, false],
    [{ 'access-control-allow-origin': ` ${ORIGIN} ` }, true], // surrounding whitespace is not part of the value
    [{ 'access-control-allow-origin': '*' }, false],
  ] as const)('%j passes (credentials %s)', (headers, creds) => {
    expect(checkAllowOrigin(headers, ORIGIN, creds)).toBeNull();
  });

  it('a tainted request (Origin null) is matched by ACAO null or *', () => {
    expect(checkAllowOrigin({ 'access-control-allow-origin': 'null' }, 'null', false)).toBeNull();
    expect(checkAllowOrigin({ 'access-control-allow-origin': ORIGIN }, 'null', false)).toEqual({
      corsError: 'AllowOriginMismatch',
      failedParameter: ORIGIN,
    });
  });
});

describe('checkAccess (ACAO then ACAC, preflight names)', () => {
  it.each([
    [{ 'access-control-allow-origin': ORIGIN }, 'InvalidAllowCredentials', ''],
    [
      { 'access-control-allow-origin': ORIGIN, 'access-control-allow-credentials': 'True' },
      'InvalidAllowCredentials',
      'True',
    ],
    [
      { 'access-control-allow-origin': ORIGIN, 'access-control-allow-credentials': ['true', 'true'] },
      'InvalidAllowCredentials',
      'true, true',
    ],
    [{ 'access-control-allow-credentials': 'true' }, 'MissingAllowOriginHeader', ''], // ACAO is checked first
  ] as const)('credentialed %j → %s', (headers, corsError, failedParameter) => {
    expect(checkAccess(headers, ORIGIN, true, false)).toEqual({ corsError, failedParameter });
  });

  it('ACAC is ignored without credentials', () => {
    expect(
      checkAccess(
        { 'access-control-allow-origin': ORIGIN, 'access-control-allow-credentials': 'nope' },
        ORIGIN,
        false,
        false,
      ),
    ).toBeNull();
  });

  it.each([
    [{}, 'PreflightMissingAllowOriginHeader'],
    [{ 'access-control-allow-origin': '*' }, 'PreflightWildcardOriginNotAllowed'],
    [{ 'access-control-allow-origin': 'a, b' }, 'PreflightMultipleAllowOriginValues'],
    [{ 'access-control-allow-origin': 'none' }, 'PreflightInvalidAllowOriginValue'],
    [{ 'access-control-allow-origin': 'http://x.test' }, 'PreflightAllowOriginMismatch'],
    [{ 'access-control-allow-origin': ORIGIN }, 'PreflightInvalidAllowCredentials'],
  ] as const)('on a preflight %j → %s', (headers, corsError) => {
    expect(checkAccess(headers, ORIGIN, true, true)?.corsError).toBe(corsError);
  });
});
