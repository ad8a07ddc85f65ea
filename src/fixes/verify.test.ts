// Every generator × every fixable cause: the engine, replaying the failing request against the fix's own
// expected headers, must let it through, and must still block another origin.
import { describe, expect, it } from 'vitest';
import type { CauseCode } from '../engine/types.ts';
import { GENERATOR_ORDER, NO_FIX_REASON, generateFix } from './index.ts';
import { inputOf } from './test-support.ts';
import { simRequestOf, variantsOf, verifyFix } from './verify.ts';
import { simulateFetch } from '../engine/index.ts';

const FIXABLE = (Object.keys(NO_FIX_REASON) as CauseCode[]).filter((c) => NO_FIX_REASON[c] === null);
const SHAPES = [
  { name: 'credentialed POST with JSON and a token', req: {} },
  {
    name: 'simple GET without credentials',
    req: { method: 'GET', requestHeaders: [], credentials: false, exposeHeaders: [] },
  },
  {
    name: 'PATCH with a custom header',
    req: { method: 'PATCH', requestHeaders: ['x-api-key'], credentials: false, exposeHeaders: ['etag'] },
  },
];

describe.each(GENERATOR_ORDER)('%s fixes fix', (backend) => {
  it.each(SHAPES)('$name', ({ req }) => {
    for (const cause of FIXABLE) {
      const input = inputOf(cause, req, cause === 'server-error-without-cors' ? { realStatus: 500 } : {});
      const fix = generateFix(backend, input);
      if (fix === null) throw new Error(`${backend} × ${cause}: no fix`);
      const v = verifyFix(fix, input);
      expect(v.reason, `${backend} × ${cause}`).toBeNull();
      expect(v.ok).toBe(true);
      // The same configuration must still refuse another site.
      const answer = {
        ...(fix.expected.preflight ? { preflight: { status: 204, headers: fix.expected.preflight } } : {}),
        response: { status: 200, headers: fix.expected.response },
      };
      const hostile = simulateFetch({ ...simRequestOf(input), origin: 'https://evil.example' }, () => answer);
      expect(hostile.blocked, `${backend} × ${cause} hostile`).toBe(true);
    }
  });
});

describe('verifyFix', () => {
  it('rejects a fix whose expected headers do not fix the request', () => {
    const input = inputOf('WildcardOriginNotAllowed');
    const fix = generateFix('express', input);
    if (fix === null) throw new Error('no fix');
    const broken = {
      ...fix,
      expected: {
        ...fix.expected,
        response: { 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' },
      },
    };
    const v = verifyFix(broken, input);
    expect(v.ok).toBe(false);
    expect(v.result.corsError).toBe('WildcardOriginNotAllowed');
  });
  it('rejects a fix that forgets to expose a header the page reads', () => {
    const input = inputOf('MissingAllowOriginHeader');
    const fix = generateFix('fastapi', input);
    if (fix === null) throw new Error('no fix');
    const v = verifyFix(
      {
        ...fix,
        expected: {
          ...fix.expected,
          response: {
            'access-control-allow-origin': 'http://localhost:3000',
            'access-control-allow-credentials': 'true',
          },
        },
      },
      input,
    );
    expect(v.reason).toMatch(/x-request-id/);
  });
  it('covers the route it claims: every backend allows the methods and headers the page used on the API', () => {
    const input = inputOf('preflight-not-handled', {
      route: { methods: ['PUT', 'DELETE'], headers: ['x-trace'] },
    });
    for (const backend of GENERATOR_ORDER) {
      const fix = generateFix(backend, input);
      expect(fix, backend).not.toBeNull();
      const narrowed = {
        ...(fix as NonNullable<typeof fix>),
        expected: {
          ...(fix as NonNullable<typeof fix>).expected,
          preflight: {
            ...(fix as NonNullable<typeof fix>).expected.preflight,
            'access-control-allow-methods': 'POST',
          },
        },
      };
      expect(verifyFix(narrowed, input).reason, backend).toMatch(/PUT/);
    }
  });
  it('replays both credentials modes when the fix allows credentials (it may have been assumed)', () => {
    const input = inputOf('MissingAllowOriginHeader', { credentials: true });
    expect(variantsOf(input).map((r) => r.credentials)).toEqual(['include', 'same-origin']);
    expect(
      variantsOf(inputOf('MissingAllowOriginHeader', { credentials: false })).map((r) => r.credentials),
    ).toEqual(['same-origin']);
  });
});
