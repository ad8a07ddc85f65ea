// The CorsError parser (current, renamed and removed names, docs/cors-errors.md#the-names) and the cause table's coverage.
import { describe, expect, it } from 'vitest';
import { CAUSES, headlineFor } from './causes.ts';
import { CORS_ERRORS, parseCorsError } from './cors-error-names.ts';
import type { EngineCause } from './types.ts';

describe('parseCorsError', () => {
  it('knows all 28 current names, and the mojom k-prefix', () => {
    expect(CORS_ERRORS).toHaveLength(28);
    for (const name of CORS_ERRORS)
      expect(parseCorsError(name)).toMatchObject({ corsError: name, status: 'current' });
    expect(parseCorsError('kMissingAllowOriginHeader')?.corsError).toBe('MissingAllowOriginHeader');
  });

  it.each([
    ['InsecurePrivateNetwork', 'InsecureLocalNetwork', 'renamed'],
    ['InvalidPrivateNetworkAccess', 'InvalidLocalNetworkAccess', 'renamed'],
    ['PrivateNetworkAccessPermissionDenied', 'LocalNetworkAccessPermissionDenied', 'removed'],
    ['UnexpectedPrivateNetworkAccess', 'InvalidLocalNetworkAccess', 'removed'],
    ['PreflightMissingAllowPrivateNetwork', null, 'removed'],
    ['PreflightInvalidAllowPrivateNetwork', null, 'removed'],
    ['PreflightMissingPrivateNetworkAccessId', null, 'removed'],
    ['PreflightMissingPrivateNetworkAccessName', null, 'removed'],
    ['PrivateNetworkAccessPermissionUnavailable', 'LocalNetworkAccessPermissionDenied', 'removed'],
  ] as const)('%s → %s (%s), a local-network error', (legacy, current, status) => {
    expect(parseCorsError(legacy)).toEqual({
      name: legacy,
      corsError: current,
      status,
      isLocalNetwork: true,
    });
  });

  it('rejects unknown names, including Object.prototype keys (a fast-check counterexample)', () => {
    expect(parseCorsError('valueOf')).toBeNull();
    expect(parseCorsError('__proto__')).toBeNull();
    expect(parseCorsError('NotAThing')).toBeNull();
    expect(parseCorsError('')).toBeNull();
  });
});

describe('CAUSES', () => {
  // Failures that are not CORS at all: their headline must say so.
  const notCors: EngineCause[] = [
    'connection-refused',
    'dns-failure',
    'tls-error',
    'timeout',
    'blocked-by-client',
    'mixed-content',
    'csp-blocked',
    'network-error',
  ];
  const engine: EngineCause[] = [
    'server-error-without-cors',
    'preflight-not-handled',
    'redirect-to-login',
    ...notCors,
    'blocked-by-response',
    'response-unseen',
    'opaque-response',
    'allowed',
  ];

  it('has an entry for every cause code, each with a headline and references', () => {
    for (const code of [...CORS_ERRORS, ...engine]) {
      const info = CAUSES[code];
      expect(info.headline.length, code).toBeGreaterThan(10);
      expect(info.references.length, code).toBeGreaterThan(0);
    }
    expect(Object.keys(CAUSES).sort()).toEqual([...CORS_ERRORS, ...engine].sort());
  });

  it('every CorsError entry carries its own Chrome name', () => {
    for (const code of CORS_ERRORS) expect(CAUSES[code].chrome).toBe(code);
  });

  it('a non-CORS cause says so and never names a CorsError', () => {
    for (const code of notCors) {
      expect(CAUSES[code].chrome).toBeNull();
      expect(CAUSES[code].headline).toMatch(/not a CORS problem/);
    }
  });

  it('fills the plain-words headline', () => {
    expect(
      headlineFor('MissingAllowOriginHeader', {
        api: 'http://localhost:8000',
        origin: 'http://localhost:3000',
        value: '',
        status: 200,
        url: 'http://localhost:8000/x',
      }),
    ).toMatch(/^The API at http:\/\/localhost:8000 does not allow requests from http:\/\/localhost:3000/);
  });
});
