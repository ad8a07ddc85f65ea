// The S3 bucket CORS configuration and the CloudFront response headers policy the AWS fix emits, parsed and checked
// against AWS's documented shapes (docs/aws-shapes.md: the PutBucketCors CORSConfiguration and the
// CreateResponseHeadersPolicy ResponseHeadersPolicyConfig, as AWS's API reference and its SDKs' service model
// describe them). Not run against AWS: nothing here reaches the network. The fixes come from real engine diagnoses.
import { describe, expect, it } from 'vitest';
import { diagnose } from '../engine/index.ts';
import type { Observed, ResourceKind } from '../engine/types.ts';
import { fixOutcome, fixRequestFrom } from './index.ts';
import type { Fix } from './types.ts';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const stars = (s: string): number => s.split('*').length - 1;

/** Every way `doc` breaks the documented CORSConfiguration (empty when it fits). */
export function s3Problems(doc: unknown): string[] {
  const out: string[] = [];
  if (!isObj(doc) || Object.keys(doc).join() !== 'CORSRules')
    return ['the document is { "CORSRules": [...] } only'];
  const rules = doc.CORSRules;
  if (!Array.isArray(rules) || rules.length < 1 || rules.length > 100) return ['CORSRules: 1 to 100 rules'];
  const keys = new Set([
    'ID',
    'AllowedHeaders',
    'AllowedMethods',
    'AllowedOrigins',
    'ExposeHeaders',
    'MaxAgeSeconds',
  ]);
  rules.forEach((r: unknown, i) => {
    const at = `CORSRules[${i}]`;
    if (!isObj(r)) return void out.push(`${at}: an object`);
    for (const k of Object.keys(r)) if (!keys.has(k)) out.push(`${at}.${k}: not a CORSRule member`);
    for (const k of ['AllowedMethods', 'AllowedOrigins'])
      if (!strings(r[k]) || r[k].length === 0) out.push(`${at}.${k}: required, at least one`);
    for (const k of ['AllowedHeaders', 'ExposeHeaders'])
      if (k in r && !strings(r[k])) out.push(`${at}.${k}: a list of strings`);
    if (strings(r.AllowedMethods))
      for (const m of r.AllowedMethods)
        if (!['GET', 'PUT', 'HEAD', 'POST', 'DELETE'].includes(m))
          out.push(`${at}.AllowedMethods: ${m} is not allowed`);
    if (strings(r.AllowedOrigins))
      for (const o of r.AllowedOrigins)
        if (stars(o) > 1) out.push(`${at}.AllowedOrigins: ${o} has more than one *`);
    if (strings(r.AllowedHeaders))
      for (const h of r.AllowedHeaders)
        if (stars(h) > 1) out.push(`${at}.AllowedHeaders: ${h} has more than one *`);
    if ('MaxAgeSeconds' in r && !Number.isInteger(r.MaxAgeSeconds))
      out.push(`${at}.MaxAgeSeconds: an integer`);
    if ('ID' in r && (typeof r.ID !== 'string' || r.ID.length > 255))
      out.push(`${at}.ID: a string of at most 255`);
  });
  return out;
}

const CF_METHODS = ['GET', 'POST', 'OPTIONS', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'ALL'];

/** A CloudFront list object: { Quantity, Items } with Quantity equal to the number of Items (else InconsistentQuantities). */
function cfList(v: unknown, at: string, out: string[], itemsRequired: boolean): string[] {
  if (!isObj(v) || !Number.isInteger(v.Quantity)) return (out.push(`${at}: { Quantity, Items }`), []);
  if (!('Items' in v))
    return itemsRequired
      ? (out.push(`${at}.Items: required`), [])
      : v.Quantity === 0
        ? []
        : (out.push(`${at}: Quantity ${String(v.Quantity)} without Items`), []);
  if (!strings(v.Items)) return (out.push(`${at}.Items: a list of strings`), []);
  if (v.Items.length !== v.Quantity)
    out.push(`${at}: Quantity ${String(v.Quantity)} but ${v.Items.length} Items`);
  return v.Items;
}

/** Every way `doc` breaks the documented ResponseHeadersPolicyConfig's CORS part (empty when it fits). */
export function cloudFrontProblems(doc: unknown): string[] {
  const out: string[] = [];
  if (!isObj(doc)) return ['an object'];
  const top = [
    'Comment',
    'Name',
    'CorsConfig',
    'SecurityHeadersConfig',
    'ServerTimingHeadersConfig',
    'CustomHeadersConfig',
    'RemoveHeadersConfig',
  ];
  for (const k of Object.keys(doc))
    if (!top.includes(k)) out.push(`${k}: not a ResponseHeadersPolicyConfig member`);
  if (typeof doc.Name !== 'string' || doc.Name === '') out.push('Name: required');
  const c = doc.CorsConfig;
  if (!isObj(c)) return [...out, 'CorsConfig: an object'];
  const members = [
    'AccessControlAllowOrigins',
    'AccessControlAllowHeaders',
    'AccessControlAllowMethods',
    'AccessControlAllowCredentials',
    'AccessControlExposeHeaders',
    'AccessControlMaxAgeSec',
    'OriginOverride',
  ];
  for (const k of Object.keys(c)) if (!members.includes(k)) out.push(`CorsConfig.${k}: not a member`);
  for (const k of ['AccessControlAllowCredentials', 'OriginOverride'])
    if (typeof c[k] !== 'boolean') out.push(`CorsConfig.${k}: a required boolean`);
  const origins = cfList(c.AccessControlAllowOrigins, 'CorsConfig.AccessControlAllowOrigins', out, true);
  const headers = cfList(c.AccessControlAllowHeaders, 'CorsConfig.AccessControlAllowHeaders', out, true);
  const methods = cfList(c.AccessControlAllowMethods, 'CorsConfig.AccessControlAllowMethods', out, true);
  if ('AccessControlExposeHeaders' in c)
    cfList(c.AccessControlExposeHeaders, 'CorsConfig.AccessControlExposeHeaders', out, false);
  if (origins.length === 0) out.push('CorsConfig.AccessControlAllowOrigins: at least one');
  // Not in the service model, but refused by CloudFront (docs/aws-shapes.md: observed by users, enforced by the CDK).
  if (headers.length === 0)
    out.push('CorsConfig.AccessControlAllowHeaders: at least one (an empty list is refused)');
  if (c.AccessControlAllowCredentials === true && headers.includes('*'))
    out.push('CorsConfig.AccessControlAllowHeaders: no * with credentials');
  for (const m of methods)
    if (!CF_METHODS.includes(m)) out.push(`CorsConfig.AccessControlAllowMethods: ${m} is not allowed`);
  if ('AccessControlMaxAgeSec' in c && !Number.isInteger(c.AccessControlMaxAgeSec))
    out.push('CorsConfig.AccessControlMaxAgeSec: an integer');
  return out;
}

const PAGE = 'https://app.example.com';

/** The AWS fix for a real engine diagnosis: `method` of `path` by `kind`, answered 200 without CORS headers. */
function awsFix(
  kind: ResourceKind,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; credentials?: 'include' } = {},
): Fix {
  const url = `https://cdn.example.net${path}`;
  const method = opts.method ?? 'GET';
  const headers = opts.headers ?? {};
  const preflight = method !== 'GET' || Object.keys(headers).length > 0;
  const observed: Observed = {
    pageOrigin: PAGE,
    method,
    url,
    requestHeaders: headers,
    credentials: opts.credentials ?? 'same-origin',
    mode: 'cors',
    ...(preflight
      ? {
          preflight: {
            url,
            method: 'OPTIONS',
            requestHeaders: { origin: PAGE },
            status: 403,
            responseHeaders: {},
          },
        }
      : {}),
    hops: preflight
      ? []
      : [{ url, method, requestHeaders: { origin: PAGE }, status: 200, responseHeaders: {} }],
    netError: 'net::ERR_FAILED',
    kind,
  };
  const diagnosis = diagnose(observed);
  const o = fixOutcome('aws', { diagnosis, request: fixRequestFrom(observed, diagnosis) });
  expect(o.reason).toBeNull();
  return o.fix as Fix;
}

const docs = (f: Fix): unknown[] => f.snippets.map((s) => JSON.parse(s.code) as unknown);

describe('the AWS fix fits the documented S3 and CloudFront shapes (checked here, not against AWS)', () => {
  const statics: [string, Fix][] = [
    ['a font', awsFix('font', '/fonts/brand.woff2')],
    ['a module script', awsFix('script', '/js/app.mjs')],
    [
      'an image with crossorigin="use-credentials"',
      awsFix('image', '/img/photo.jpg', { credentials: 'include' }),
    ],
  ];
  for (const [what, fix] of statics)
    it(`${what}: the S3 CORS configuration and the CloudFront policy`, () => {
      const [s3, cf] = docs(fix);
      expect(s3Problems(s3)).toEqual([]);
      expect(cloudFrontProblems(cf)).toEqual([]);
      expect(cf).toMatchObject({
        CorsConfig: { AccessControlAllowOrigins: { Items: [PAGE] }, OriginOverride: true },
      });
    });

  it('an API call by PATCH with headers: the S3 rule leaves PATCH out and says so', () => {
    const fix = awsFix('fetch', '/v1/items', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
    });
    const s3 = docs(fix)[1];
    expect(s3Problems(s3)).toEqual([]);
    expect(fix.notes.join('\n')).toContain('PATCH is left out of the S3 rule');
  });

  it('the checks refuse what AWS refuses', () => {
    expect(s3Problems({ CORSRules: [{ AllowedOrigins: [PAGE], AllowedMethods: ['PATCH'] }] })).toEqual([
      'CORSRules[0].AllowedMethods: PATCH is not allowed',
    ]);
    expect(
      s3Problems({ CORSRules: [{ AllowedOrigins: ['https://*.a.*'], AllowedMethods: ['GET'] }] }),
    ).toHaveLength(1);
    expect(s3Problems({ CORSRules: [{ AllowedMethods: ['GET'] }] })).toHaveLength(1);
    const list = (items: string[]) => ({ Quantity: items.length, Items: items });
    const good = {
      Name: 'p',
      CorsConfig: {
        AccessControlAllowOrigins: list([PAGE]),
        AccessControlAllowHeaders: list(['Range']),
        AccessControlAllowMethods: list(['GET']),
        AccessControlAllowCredentials: false,
        OriginOverride: true,
      },
    };
    expect(cloudFrontProblems(good)).toEqual([]);
    const bad = (over: Json) => cloudFrontProblems({ ...good, CorsConfig: { ...good.CorsConfig, ...over } });
    expect(bad({ AccessControlAllowHeaders: list([]) })).toHaveLength(1);
    expect(bad({ AccessControlAllowHeaders: { Quantity: 2, Items: ['Range'] } })).toHaveLength(1);
    expect(bad({ AccessControlAllowMethods: list(['CONNECT']) })).toHaveLength(1);
    expect(bad({ AccessControlAllowCredentials: true, AccessControlAllowHeaders: list(['*']) })).toHaveLength(
      1,
    );
    expect(bad({ OriginOverride: undefined })).toHaveLength(1);
  });
});
