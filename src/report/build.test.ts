import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../engine/index.ts';
import type { Diagnosis, Observed } from '../engine/types.ts';
import type { ExchangeRecord } from '../shared/model.ts';
import { mdText } from './markdown.ts';
import {
  buildReport,
  REPORT_SCHEMA,
  SCHEMA_VERSION,
  toJson,
  toMarkdown,
  type BuildOptions,
} from './index.ts';

const PAGE = 'http://localhost:3000';
const API = 'http://localhost:8000';
const SECRET = 'sk-live-SECRET0123456789abcdef';
const meta: BuildOptions['meta'] = {
  generatedAt: '2026-11-29T12:00:00.000Z',
  generator: { name: 'cors-lens', version: '0.1.0' },
  source: 'cli',
};

function record(
  id: string,
  o: Omit<Partial<Observed>, 'kind'> & {
    status?: number;
    responseHeaders?: Record<string, string>;
    kind?: Observed['kind'] | undefined;
  },
): ExchangeRecord {
  const url = o.url ?? `${API}/s/${id}`;
  const method = o.method ?? 'GET';
  const observed: Observed = {
    pageOrigin: PAGE,
    method,
    url,
    requestHeaders: o.requestHeaders ?? {},
    hops: [
      {
        url,
        method,
        requestHeaders: { origin: PAGE, ...o.requestHeaders },
        status: o.status ?? 200,
        responseHeaders: o.responseHeaders ?? {},
      },
    ],
    netError: o.netError === undefined ? 'net::ERR_FAILED' : o.netError,
    // `kind: undefined` stands for a record made before kinds were captured.
    ...('kind' in o ? (o.kind ? { kind: o.kind } : {}) : { kind: 'fetch' as const }),
    ...(o.preflight ? { preflight: o.preflight } : {}),
  };
  return {
    id,
    tabId: 1,
    frameId: 0,
    startedAt: Date.UTC(2026, 10, 29, 11, 59),
    done: true,
    observed,
    callSite: null,
    pageError: null,
  };
}

const authorization = { authorization: `Bearer ${SECRET}` };
const records: ExchangeRecord[] = [
  record('missing-acao', { requestHeaders: { cookie: 'sid=s3ss10n' } }),
  record('server-500', { status: 500, responseHeaders: { server: 'uvicorn' } }),
  record('authorization-not-allowed', {
    requestHeaders: authorization,
    preflight: {
      url: `${API}/s/authorization-not-allowed`,
      method: 'OPTIONS',
      requestHeaders: {
        origin: PAGE,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
      status: 204,
      responseHeaders: {
        'access-control-allow-origin': PAGE,
        'access-control-allow-headers': 'content-type',
      },
    },
  }),
  record('allowed', { responseHeaders: { 'access-control-allow-origin': PAGE }, netError: null }),
  record('token-url', { url: `https://user:pw@api.test/x?access_token=${SECRET}&page=1` }),
];

const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(REPORT_SCHEMA);

describe('buildReport with the real engine', () => {
  const report = buildReport(records, { diagnose, meta });

  it('is valid against the published JSON Schema, failures only, with a summary by cause', () => {
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.schemaVersion).toBe(SCHEMA_VERSION);
    expect(report.failures.map((f) => f.id)).toEqual([
      'missing-acao',
      'server-500',
      'authorization-not-allowed',
      'token-url',
    ]);
    expect(report.summary.failures).toBe(4);
    expect(Object.values(report.summary.byCode).reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('carries the request, stage, cause code, offending headers and timeline of each failure', () => {
    const f = report.failures[2];
    expect(f).toMatchObject({
      request: { method: 'GET', origin: PAGE },
      stage: 'preflight',
      code: 'HeaderDisallowedByPreflightResponse',
    });
    expect(f?.timeline.map((h) => h.kind)).toEqual(['preflight', 'response']);
    expect(report.failures[1]).toMatchObject({ code: 'server-error-without-cors', realStatus: 500 });
  });

  it('redacts every secret by default, in JSON and Markdown alike', () => {
    for (const text of [toJson(report), toMarkdown(report)]) {
      expect(text).not.toContain('SECRET');
      expect(text).not.toContain('s3ss10n');
      expect(text).not.toContain('user:pw');
    }
    expect(report.redacted).toBe(true);
    expect(report.failures[2]?.request.headers.authorization).toBe('Bearer [REDACTED]');
    expect(report.failures[3]?.request.url).toBe(
      'https://[REDACTED]@api.test/x?access_token=[REDACTED]&page=1',
    );
  });

  it('includes sensitive values only when explicitly asked', () => {
    const open = buildReport(records, { diagnose, meta, includeSensitive: true });
    expect(open.redacted).toBe(false);
    expect(toJson(open)).toContain(SECRET);
    expect(validate(open)).toBe(true);
  });

  it('includes allowed requests only on request, and is deterministic', () => {
    expect(buildReport(records, { diagnose, meta, includeAllowed: true }).failures).toHaveLength(5);
    expect(toJson(buildReport(records, { diagnose, meta }))).toBe(toJson(report));
  });
});

describe('the destination (schema 1.1)', () => {
  const kinds = ['font', 'script', 'stylesheet', 'image', 'video', 'xhr', 'eventsource'] as const;
  const report = buildReport(
    kinds.map((kind) => record(kind, { kind, url: `${API}/asset/${kind}` })),
    { diagnose, meta },
  );

  it("names each failure's kind in JSON valid against the schema, which refuses an unknown kind", () => {
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.schemaVersion).toBe('1.1.0');
    expect(report.failures.map((f) => f.request.kind)).toEqual([...kinds]);
    const forged = JSON.parse(toJson(report)) as { failures: { request: { kind: string } }[] };
    (forged.failures[0] as { request: { kind: string } }).request.kind = 'websocket';
    expect(validate(forged)).toBe(false);
  });

  it('says the destination in Markdown, in plain words', () => {
    const md = toMarkdown(report);
    expect(md).toContain('- Destination: `font`, a web font (@font-face, or a font preload)');
    expect(md).toContain('- Destination: `script`, a script');
    expect(toMarkdown(buildReport([record('none', { kind: undefined })], { diagnose, meta }))).not.toContain(
      'Destination',
    );
  });
});

describe('renderers escape evidence', () => {
  const evil = '<img src=x onerror=alert(1)>`|*';
  const d: Diagnosis = {
    verdict: 'blocked',
    code: 'AllowOriginMismatch',
    corsError: 'AllowOriginMismatch',
    failedParameter: evil,
    stage: 'actual',
    headline: `Server answered ${evil}`,
    triage: null,
    realStatus: 200,
    credentials: 'omit',
    offending: [{ name: 'access-control-allow-origin', sent: PAGE, required: PAGE, answered: evil }],
    consoleMessage: 'x\u2028y',
    references: [{ title: 'MDN', url: 'https://developer.mozilla.org/' }],
    hints: [],
  };
  const one = [record('evil', { responseHeaders: { 'access-control-allow-origin': evil } })];
  const report = buildReport(one, { diagnose: () => d, meta });

  it('JSON escapes <, U+2028 and U+2029 and still parses to the same report', () => {
    const json = toJson(report);
    expect(json).not.toMatch(/[<\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(report);
  });

  it('Markdown never emits a raw tag and keeps table cells intact', () => {
    const md = toMarkdown(report);
    // Evidence may appear verbatim only inside code spans and fences, where Markdown renders it as text.
    const outsideCode = md
      .replace(/```[\s\S]*?```/g, '')
      .replace(/(?<![\\`])(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
    expect(outsideCode).not.toMatch(/<img/);
    expect(md).toContain('&lt;img src=x');
    expect(md).toContain('AllowOriginMismatch');
    const row = md.split('\n').find((l) => l.startsWith('| `access-control-allow-origin`'));
    expect(row?.split(/(?<!\\)\|/).length).toBe(6);
  });

  it('Markdown carries the fix and a cURL replay with the real Origin', () => {
    const withFix = buildReport(one, {
      diagnose: () => d,
      meta,
      fixFor: () => ({
        detected: [{ backend: 'express', confidence: 'high', evidence: ['x-powered-by: Express'] }],
        chosen: 'express',
        fix: {
          backend: 'express',
          title: 'Express: cors()',
          snippets: [
            {
              language: 'javascript',
              where: 'app.js',
              code: "app.use(cors({ origin: 'http://localhost:3000' }))",
            },
          ],
          pitfall: null,
          notes: [],
          security: [],
          expected: { response: {} },
        },
      }),
    });
    expect(validate(withFix)).toBe(true);
    const md = toMarkdown(withFix);
    expect(md).toContain("app.use(cors({ origin: 'http://localhost:3000' }))");
    expect(md).toContain("-H 'origin: http://localhost:3000'");
    expect(md).toContain('x-powered-by: Express');
  });
});

describe('mdText', () => {
  it('escapes what Markdown or HTML would interpret, and leaves ordinary prose readable', () => {
    expect(mdText('The API at http://a.test does not allow Access-Control-Allow-Origin (see docs).')).toBe(
      'The API at http://a.test does not allow Access-Control-Allow-Origin (see docs).',
    );
    expect(mdText('<b>*x*</b> | [y](z) `c`')).toBe('&lt;b&gt;\\*x\\*&lt;/b&gt; \\| \\[y\\](z) \\`c\\`');
    expect(mdText('# not a heading')).toBe('\\# not a heading');
    expect(mdText('1. not a list\nsecond line')).toBe('1\\. not a list second line');
  });
});
