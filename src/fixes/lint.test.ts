import { describe, expect, it } from 'vitest';
import { isPublicOrigin, lintFix, lintHeaders, lintSnippet } from './lint.ts';
import type { Snippet } from './types.ts';

const code = (c: string, language: Snippet['language'] = 'javascript'): Snippet => ({
  language,
  where: 'x',
  code: c,
});
const rules = (c: string, language?: Snippet['language']) =>
  lintSnippet(code(c, language)).map((f) => f.rule);

describe('lintHeaders', () => {
  it('flags * with credentials, and not * alone', () => {
    expect(
      lintHeaders({ 'Access-Control-Allow-Origin': '*', 'access-control-allow-credentials': 'true' }).map(
        (f) => f.rule,
      ),
    ).toEqual(['wildcard-with-credentials']);
    expect(lintHeaders({ 'access-control-allow-origin': '*' })).toEqual([]);
  });
  it('flags null, and passes an exact origin with credentials', () => {
    expect(lintHeaders({ 'access-control-allow-origin': 'null' }).map((f) => f.rule)).toEqual([
      'null-origin',
    ]);
    expect(
      lintHeaders({
        'access-control-allow-origin': 'https://app.example',
        'access-control-allow-credentials': 'true',
      }),
    ).toEqual([]);
  });
  it('flags Allow-Private-Network only for public origins', () => {
    expect(
      lintHeaders({
        'access-control-allow-origin': 'https://app.example',
        'access-control-allow-private-network': 'true',
      }).map((f) => f.rule),
    ).toEqual(['private-network-for-public-origin']);
    expect(
      lintHeaders({
        'access-control-allow-origin': 'http://localhost:5173',
        'access-control-allow-private-network': 'true',
      }),
    ).toEqual([]);
    expect(
      lintHeaders({
        'access-control-allow-origin': 'http://192.168.1.4:8080',
        'access-control-allow-private-network': 'true',
      }),
    ).toEqual([]);
  });
});

describe('lintSnippet', () => {
  it('flags reflect-any idioms in each backend', () => {
    expect(rules('app.use(cors({ origin: true, credentials: true }))')).toContain('reflect-any-origin');
    expect(rules('add_header Access-Control-Allow-Origin $http_origin always;', 'nginx')).toContain(
      'reflect-any-origin',
    );
    expect(rules('Header always set Access-Control-Allow-Origin "%{HTTP_ORIGIN}e"', 'apache')).toContain(
      'reflect-any-origin',
    );
    expect(rules('.SetIsOriginAllowed(_ => true)', 'csharp')).toContain('reflect-any-origin');
    expect(rules('AllowOriginFunc: func(origin string) bool { return true },', 'go')).toContain(
      'reflect-any-origin',
    );
    expect(rules('CORS_ALLOW_ALL_ORIGINS = True', 'python')).toContain('reflect-any-origin');
  });
  it('flags a * origin configured with credentials', () => {
    expect(rules('CORSMiddleware, allow_origins=["*"], allow_credentials=True', 'python')).toContain(
      'wildcard-with-credentials',
    );
    expect(rules('CORSMiddleware, allow_origins=["*"]', 'python')).not.toContain('wildcard-with-credentials');
    expect(rules('.AllowAnyOrigin().AllowCredentials()', 'csharp')).toContain('wildcard-with-credentials');
  });
  it('flags null origins', () => {
    expect(rules('origins: ["https://a.example", "null"]')).toContain('null-origin');
    expect(rules('const value = null;')).toEqual([]);
  });
  it('flags unanchored regexes and suffix checks, and passes anchored ones', () => {
    expect(rules('CORS_ALLOWED_ORIGIN_REGEXES = [r"https://app\\.example\\.com"]', 'python')).toContain(
      'unanchored-origin-match',
    );
    expect(rules('origin: /https:\\/\\/app\\.example\\.com$/')).toContain('unanchored-origin-match');
    expect(rules('if (origin.endsWith(".example.com")) allow()')).toContain('unanchored-origin-match');
    expect(rules('strings.HasSuffix(origin, ".example.com")', 'go')).toContain('unanchored-origin-match');
    expect(rules('CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://app\\.example\\.com$"]', 'python')).toEqual([]);
    expect(rules('SetEnvIf Origin "^http://localhost:3000$" CORS_ORIGIN=$0', 'apache')).toEqual([]);
  });
  it('flags unescaped dots and missing anchors in every regex context, and passes escaped anchored ones', () => {
    const bad: [string, Snippet['language']][] = [
      ['CORSMiddleware, allow_origin_regex=r"^https://app.example.com$"', 'python'],
      ['CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://.*\\.example\\.com"]', 'python'],
      ['SetEnvIf Origin "https://app\\.example\\.com" CORS_ORIGIN=$0', 'apache'],
      ['map $http_origin $cors { default ""; ~^https://app.example.com$ $http_origin; }', 'nginx'],
      ['cors({ origin: /^https:\\/\\/app.example.com$/ })', 'javascript'],
      [
        'AllowOriginFunc: func(o string) bool { return regexp.MustCompile(`^https://app.example.com$`).MatchString(o) }',
        'go',
      ],
      ["'allowed_origins_patterns' => ['https://*.example.com'],", 'php'],
    ];
    for (const [c, lang] of bad) expect(rules(c, lang), c).toContain('unanchored-origin-match');
    const good: [string, Snippet['language']][] = [
      ['CORSMiddleware, allow_origin_regex=r"^https://[a-z0-9-]+\\.example\\.com$"', 'python'],
      ['cors({ origin: /^https:\\/\\/app\\.example\\.com$/ })', 'javascript'],
      ['SetEnvIf Origin "^http://127\\.0\\.0\\.1:3000$" CORS_ORIGIN=$0', 'apache'],
    ];
    for (const [c, lang] of good) expect(rules(c, lang), c).toEqual([]);
  });
  it('ignores comments that name a bad idiom', () => {
    expect(rules('// never use origin: true here\napp.use(cors({ origin: "https://a.example" }))')).toEqual(
      [],
    );
  });
  it('passes the safe nginx map idiom', () => {
    expect(
      rules(
        'map $http_origin $cors_origin {\n  default "";\n  "https://a.example" $http_origin;\n}\nadd_header Access-Control-Allow-Origin $cors_origin always;',
        'nginx',
      ),
    ).toEqual([]);
  });
});

describe('lintFix', () => {
  it('combines snippets and expected headers, without duplicates', () => {
    const fix = {
      snippets: [code('cors({ origin: true })'), code('cors({ origin: true })')],
      expected: { response: { 'access-control-allow-origin': 'null' } },
    };
    expect(lintFix(fix).map((f) => f.rule)).toEqual(['reflect-any-origin', 'null-origin']);
  });
});

describe('isPublicOrigin', () => {
  it.each([
    ['https://app.example', true],
    ['http://localhost:3000', false],
    ['http://127.0.0.1:8000', false],
    ['http://10.1.2.3', false],
    ['http://172.20.0.1', false],
    ['http://172.40.0.1', true],
    ['http://printer.local', false],
  ])('%s → %s', (o, pub) => {
    expect(isPublicOrigin(o)).toBe(pub);
  });
});
