// Per generator × cause: every fixable cause yields a fix that names the exact origin, the preflight's method and
// headers, credentials when used, passes the security lint, and addresses the backend's pitfall for that cause.
import { describe, expect, it } from 'vitest';
import type { CauseCode } from '../engine/types.ts';
import { FIX_GENERATORS, GENERATOR_ORDER, NO_FIX_REASON, fixOutcome, generateFix } from './index.ts';
import { inputOf } from './test-support.ts';

const FIXABLE = (Object.keys(NO_FIX_REASON) as CauseCode[]).filter((c) => NO_FIX_REASON[c] === null);
const allCode = (fix: { snippets: { code: string }[] }): string => fix.snippets.map((s) => s.code).join('\n');

describe.each(GENERATOR_ORDER)('%s', (backend) => {
  it.each(FIXABLE)('%s: tailored and lint-clean', (cause) => {
    const fix = generateFix(backend, inputOf(cause));
    expect(fix).not.toBeNull();
    if (fix === null) return;
    expect(fix.backend).toBe(backend);
    expect(fix.security).toEqual([]);
    expect(fix.snippets.length).toBeGreaterThan(0);
    const code = allCode(fix);
    // Apache holds it as an anchored regex, where only the dots would be escaped.
    expect(code).toContain('http://localhost:3000');
    expect(code).not.toContain('http://localhost:3000/');
    expect(code.toUpperCase()).toContain('POST');
    expect(code.toLowerCase()).toContain('x-request-id');
    expect(code.toLowerCase()).toContain('authorization');
    expect(code).toMatch(/600/);
    expect(fix.expected.response['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(fix.expected.response['access-control-allow-credentials']).toBe('true');
    expect(fix.expected.preflight?.['access-control-allow-headers']).toBe(
      'authorization, content-type, x-request-id',
    );
  });

  it('omits credentials when the request carried none, and the preflight when none is needed', () => {
    const fix = generateFix(
      backend,
      inputOf('MissingAllowOriginHeader', {
        method: 'GET',
        requestHeaders: [],
        credentials: false,
        exposeHeaders: [],
      }),
    );
    expect(fix?.expected.preflight).toBeUndefined();
    expect(fix?.expected.response['access-control-allow-credentials']).toBeUndefined();
    expect(fix === null ? '' : allCode(fix)).not.toMatch(
      /credentials["']?\s*[:=(]\s*["']?true|Allow-Credentials["']?\s+"?true|AllowCredentials\(\)|credentials:\s*true|supports_credentials=True|allow_credentials=True/i,
    );
  });

  it('says why when the configured origin had a trailing slash, and writes it without one', () => {
    const fix = generateFix(backend, inputOf('AllowOriginMismatch', {}, { hints: ['acao-trailing-slash'] }));
    expect(fix === null ? '' : allCode(fix)).not.toContain('http://localhost:3000/');
    expect(fix?.notes.join(' ')).toMatch(/trailing slash/);
  });

  it('stays lint-clean for an origin with dots (escaped in regex-based configs)', () => {
    const fix = generateFix(
      backend,
      inputOf('MissingAllowOriginHeader', { origin: 'https://app.example.com' }),
    );
    expect(fix?.security).toEqual([]);
    expect(fix?.expected.response['access-control-allow-origin']).toBe('https://app.example.com');
  });

  it('notes localhost vs 127.0.0.1', () => {
    const fix = generateFix(backend, inputOf('AllowOriginMismatch', {}, { hints: ['localhost-vs-127'] }));
    expect(fix?.notes.join(' ')).toMatch(/127\.0\.0\.1/);
  });

  it('yields no fix for causes server CORS cannot fix', () => {
    expect(generateFix(backend, inputOf('connection-refused'))).toBeNull();
    expect(generateFix(backend, inputOf('PreflightDisallowedRedirect'))).toBeNull();
  });

  it('has a label', () => {
    expect(FIX_GENERATORS[backend]?.label.length).toBeGreaterThan(2);
  });
});

describe('pitfall-specific snippets', () => {
  const code = (b: Parameters<typeof generateFix>[0], cause: CauseCode, diag = {}) => {
    const fix = generateFix(b, inputOf(cause, {}, diag));
    return { code: fix === null ? '' : allCode(fix), pitfall: fix?.pitfall ?? '' };
  };
  it('FastAPI wraps the whole app when a 500 lost its CORS headers, and uses add_middleware otherwise', () => {
    expect(code('fastapi', 'server-error-without-cors', { realStatus: 500 }).code).toContain(
      'app = CORSMiddleware(\n    app=app,',
    );
    expect(code('fastapi', 'server-error-without-cors', { realStatus: 500 }).pitfall).toMatch(
      /ServerErrorMiddleware/,
    );
    expect(code('fastapi', 'MissingAllowOriginHeader').code).toContain('app.add_middleware(');
  });
  it('Express registers cors app-wide for an unhandled preflight', () => {
    const r = code('express', 'preflight-not-handled');
    expect(r.code).toMatch(/^app\.use\(cors\(\{/m);
    expect(r.pitfall).toMatch(/Express answers the OPTIONS preflight itself/);
  });
  it('nginx uses always everywhere and hides the upstream header for duplicates', () => {
    const r = code('nginx', 'MultipleAllowOriginValues');
    const adds = r.code.split('\n').filter((l) => l.trim().startsWith('add_header'));
    expect(adds.length).toBeGreaterThan(4);
    expect(adds.every((l) => l.trimEnd().endsWith('always;'))).toBe(true);
    expect(r.code).toContain('proxy_hide_header Access-Control-Allow-Origin;');
    expect(r.pitfall).toMatch(/two values/);
    expect(code('nginx', 'server-error-without-cors', { realStatus: 502 }).pitfall).toMatch(/always/);
  });
  it('a preflight that hit a 405 is treated as an unhandled OPTIONS route whatever Chrome called it', () => {
    expect(
      code('express', 'PreflightMissingAllowOriginHeader', { stage: 'preflight', realStatus: 405 }).pitfall,
    ).toMatch(/OPTIONS/);
  });
  it('Next.js exports OPTIONS and wraps the existing handler', () => {
    const r = code('nextjs', 'preflight-not-handled');
    expect(r.code).toContain('export const OPTIONS = preflight;');
    expect(r.code).toContain('export const POST = withCors(handlePOST);');
  });
  it('Flask lists the origin instead of relying on the default *', () => {
    const r = code('flask', 'WildcardOriginNotAllowed');
    expect(r.code).toContain('"origins": ["http://localhost:3000"]');
    expect(r.code).toContain('supports_credentials=True');
    expect(r.pitfall).toMatch(/reflects every site/);
  });
});

describe('fixOutcome', () => {
  it('says why there is no fix: not a CORS cause, a null origin', () => {
    expect(fixOutcome('fastapi', inputOf('connection-refused')).reason).toMatch(/Nothing listens/);
    const nullOrigin = fixOutcome('express', inputOf('MissingAllowOriginHeader', { origin: 'null' }));
    expect(nullOrigin.fix).toBeNull();
    expect(nullOrigin.reason).toMatch(/sandboxed iframe/);
  });
  it('hands out the same fix generateFix returns, with no reason', () => {
    const input = inputOf('HeaderDisallowedByPreflightResponse');
    expect(fixOutcome('django', input)).toEqual({ fix: generateFix('django', input), reason: null });
  });
});

describe('each backend carries its own pitfall fix', () => {
  const fixOf = (b: Parameters<typeof generateFix>[0], cause: CauseCode, diag = {}) => {
    const fix = generateFix(b, inputOf(cause, {}, diag));
    if (fix === null) throw new Error(`${b} × ${cause}: no fix`);
    return { code: allCode(fix), pitfall: fix.pitfall ?? '', notes: fix.notes.join(' '), fix };
  };
  it('Django puts CorsMiddleware first, whatever MIDDLEWARE held, and trusts the origin for CSRF', () => {
    const r = fixOf('django', 'preflight-not-handled');
    expect(r.code).toContain(
      'MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware", *[m for m in MIDDLEWARE if m != "corsheaders.middleware.CorsMiddleware"]]',
    );
    expect(r.code).toContain('CSRF_TRUSTED_ORIGINS = ["http://localhost:3000"]');
    expect(r.pitfall).toMatch(/CommonMiddleware/);
  });
  it('aiohttp adds every route to aiohttp_cors', () => {
    expect(fixOf('aiohttp', 'preflight-not-handled').code).toMatch(
      /for route in list\(app\.router\.routes\(\)\):\n {4}cors\.add\(route\)/,
    );
  });
  it('plain Rack gets a rescue inside Rack::Cors only when a 500 lost its headers', () => {
    expect(fixOf('rails', 'server-error-without-cors', { realStatus: 500 }).fix.snippets[1]?.code).toContain(
      'rescue StandardError',
    );
    expect(fixOf('rails', 'MissingAllowOriginHeader').code).not.toContain('rescue');
    expect(fixOf('rails', 'MissingAllowOriginHeader').code).toContain('insert_before 0, Rack::Cors');
  });
  it('Apache sets every header with always, removes the app copy, and answers the preflight', () => {
    const r = fixOf('apache', 'MultipleAllowOriginValues');
    expect(r.code).toContain('SetEnvIf Origin "^http://localhost:3000$" CORS_ORIGIN=$0');
    expect(r.code).toContain('Header unset Access-Control-Allow-Origin');
    expect(r.code).toContain('RewriteRule "^/api/" - [R=204,L]');
    expect(
      r.code
        .split('\n')
        .filter((l) => l.startsWith('Header always set'))
        .every((l) => l.endsWith('env=CORS_ORIGIN')),
    ).toBe(true);
  });
  it('Caddy defers its headers so they replace the upstream ones', () => {
    expect(fixOf('caddy', 'MultipleAllowOriginValues').code).toMatch(/header @cors \{[^}]*\n\tdefer\n\}/);
  });
  it('ASP.NET puts UseCors between UseRouting and UseAuthentication', () => {
    const code = fixOf('aspnet', 'server-error-without-cors', { realStatus: 401 }).code;
    expect(code.indexOf('UseRouting')).toBeLessThan(code.indexOf('UseCors'));
    expect(code.indexOf('UseCors')).toBeLessThan(code.indexOf('UseAuthentication'));
    expect(code).not.toContain('AllowAnyOrigin');
  });
  it('Spring lets Spring Security answer preflights through http.cors()', () => {
    const r = fixOf('spring', 'PreflightInvalidStatus', { realStatus: 401 });
    expect(r.code).toContain('http.cors(Customizer.withDefaults());');
    expect(r.code).toContain('source.registerCorsConfiguration("/api/**", config);');
  });
  it('Gin, Echo and rs/cors set a non-zero max age (0 sends none) with the right type', () => {
    expect(fixOf('gin', 'MissingAllowOriginHeader').code).toContain('MaxAge: 600 * time.Second,');
    expect(fixOf('echo', 'MissingAllowOriginHeader').code).toContain('MaxAge: 600,');
    expect(fixOf('go-rs-cors', 'MissingAllowOriginHeader').code).toContain('MaxAge: 600,');
  });
  it('Fastify and rs/cors list the method their defaults leave out', () => {
    const patch = (b: Parameters<typeof generateFix>[0]) =>
      generateFix(b, inputOf('MethodDisallowedByPreflightResponse', { method: 'PATCH' }));
    expect(patch('fastify')?.pitfall).toMatch(/only GET, HEAD and POST/);
    expect(patch('go-rs-cors')?.pitfall).toMatch(/only HEAD, GET and POST/);
    expect(patch('fastify')?.snippets[0]?.code).toContain("methods: ['PATCH'],");
  });
  it('Laravel scopes paths and sets a non-zero max_age', () => {
    const code = fixOf('laravel', 'MissingAllowOriginHeader').code;
    expect(code).toContain("'paths' => ['api/*'],");
    expect(code).toContain("'max_age' => 600,");
    expect(code).toContain("'supports_credentials' => true,");
  });
  it('AWS emits valid JSON for API Gateway and S3', () => {
    const fix = fixOf('aws', 'MissingAllowOriginHeader').fix;
    const [api, s3] = fix.snippets.map((s) => JSON.parse(s.code) as Record<string, unknown>);
    expect(api).toMatchObject({
      AllowOrigins: ['http://localhost:3000'],
      AllowCredentials: true,
      MaxAge: 600,
    });
    expect(s3).toMatchObject({
      CORSRules: [{ AllowedOrigins: ['http://localhost:3000'], AllowedMethods: ['POST'] }],
    });
  });
  it('the headers fallback prints exactly the expected headers', () => {
    const fix = fixOf('headers', 'MissingAllowOriginHeader').fix;
    expect(fix.snippets[0]?.code).toContain('Access-Control-Allow-Methods: POST');
    expect(fix.snippets[1]?.code).toContain('Access-Control-Expose-Headers: x-request-id');
  });
});
