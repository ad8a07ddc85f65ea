// The security lint every generated fix passes through (docs/backends.md#security-lint): a fix that makes the error
// go away by opening the API to every site is worse than the bug. Checks both the snippets and the expected headers.
import type { HeaderMap } from '../engine/types.ts';
import type { Fix, LintFinding, Snippet } from './types.ts';

function header(h: HeaderMap, name: string): string | null {
  for (const [k, v] of Object.entries(h))
    if (k.toLowerCase() === name) return typeof v === 'string' ? v : v.join(', ');
  return null;
}

const LOCAL_HOST =
  /^(localhost|127(\.\d{1,3}){3}|\[::1\]|10(\.\d{1,3}){3}|192\.168(\.\d{1,3}){2}|172\.(1[6-9]|2\d|3[01])(\.\d{1,3}){2}|[^.]+\.local|[^.]+\.localhost)$/i;

/** Whether an origin is on the public internet (not loopback, not RFC 1918, not .local). */
export function isPublicOrigin(origin: string): boolean {
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:]+|\[[^\]]+\])/i.exec(origin)?.[1];
  return host !== undefined && !LOCAL_HOST.test(host);
}

/** Findings on the headers a server sends. */
export function lintHeaders(h: HeaderMap): LintFinding[] {
  const out: LintFinding[] = [];
  const acao = header(h, 'access-control-allow-origin');
  const credentials = header(h, 'access-control-allow-credentials') === 'true';
  if (acao === '*' && credentials)
    out.push({
      rule: 'wildcard-with-credentials',
      message: 'Access-Control-Allow-Origin: * together with Access-Control-Allow-Credentials: true',
    });
  if (acao === 'null')
    out.push({
      rule: 'null-origin',
      message: 'Access-Control-Allow-Origin: null trusts sandboxed iframes and file:// pages',
    });
  if (
    header(h, 'access-control-allow-private-network') === 'true' &&
    (acao === null || acao === '*' || isPublicOrigin(acao))
  )
    out.push({
      rule: 'private-network-for-public-origin',
      message: `Access-Control-Allow-Private-Network for ${acao ?? 'any origin'}: a public site could reach this private service`,
    });
  return out;
}

interface CodeRule {
  rule: LintFinding['rule'];
  pattern: RegExp;
  message: string;
}

// Patterns of the well-known insecure idioms in each backend's CORS API (docs/backends.md#credentials-and-allow-all-origins and #pitfalls).
const CODE_RULES: CodeRule[] = [
  {
    rule: 'reflect-any-origin',
    pattern: /\borigin\s*:\s*true\b/,
    message: 'origin: true reflects every origin',
  },
  {
    rule: 'reflect-any-origin',
    pattern: /Access-Control-Allow-Origin['"]?\s*(,|:|\s)\s*['"]?\$http_origin/i,
    message: 'nginx sends $http_origin unchecked',
  },
  {
    rule: 'reflect-any-origin',
    pattern: /Access-Control-Allow-Origin\s+"?%\{(HTTP_)?ORIGIN\}[ei]/i,
    message: 'Apache echoes the Origin header unchecked',
  },
  {
    rule: 'reflect-any-origin',
    pattern: /SetIsOriginAllowed\(\s*\(?\s*\w*\s*\)?\s*=>\s*true/,
    message: 'SetIsOriginAllowed(_ => true) allows every origin',
  },
  {
    rule: 'reflect-any-origin',
    pattern: /AllowOriginFunc\s*[:=]\s*func\s*\([^)]*\)\s*bool\s*\{\s*return\s+true/,
    message: 'an AllowOriginFunc that allows every origin',
  },
  {
    rule: 'reflect-any-origin',
    pattern: /origin\s*:\s*\(?[^)]*\)?\s*=>\s*(origin|true)\b/,
    message: 'an origin callback that echoes every origin',
  },
  {
    rule: 'reflect-any-origin',
    pattern: /allow_origin_regex\s*=\s*r?["']\.\*/,
    message: 'allow_origin_regex=".*" reflects every origin',
  },
  {
    rule: 'reflect-any-origin',
    pattern:
      /CORS_ALLOW_ALL_ORIGINS\s*=\s*True|AllowAllOrigins\s*:\s*true|allowedOriginPatterns\(\s*"\*"\s*\)/,
    message: 'allow-all setting',
  },
  {
    rule: 'wildcard-with-credentials',
    pattern: /AllowAnyOrigin\(\)[\s\S]*AllowCredentials\(\)|AllowCredentials\(\)[\s\S]*AllowAnyOrigin\(\)/,
    message: 'AllowAnyOrigin with AllowCredentials',
  },
  {
    rule: 'null-origin',
    pattern: /["'`]null["'`]\s*[,\])]|origins?\s*[:=]\s*["'`]null["'`]/i,
    message: 'the string "null" as an allowed origin',
  },
  {
    rule: 'unanchored-origin-match',
    pattern:
      /\.(endsWith|endswith|includes|contains|HasSuffix|Contains|EndsWith|indexOf)\s*\(\s*["'`][^"'`]*["'`]/,
    message: 'suffix/substring origin check (evil-example.com and example.com.evil.net pass)',
  },
  {
    rule: 'unanchored-origin-match',
    pattern: /strings\.(HasSuffix|Contains)\s*\(\s*\w*[Oo]rigin/,
    message: 'suffix/substring origin check',
  },
];

const WILDCARD_ORIGIN =
  /(allow_origins|origins?|AllowedOrigins|AllowOrigins|allowedOrigins|allowed_origins|WithOrigins|Access-Control-Allow-Origin)['"]?\s*[:=(\s,]\s*\[?\s*["']\*["']/i;
const CREDENTIALS_ON =
  /(allow_credentials|supports_credentials|credentials|AllowCredentials|allowCredentials|CORS_ALLOW_CREDENTIALS|Access-Control-Allow-Credentials)['"]?\s*[:=(\s,]\s*["']?(true|True)\b/i;

// Where an origin is written as a regex, per backend: the pattern's text is captured in group 1.
const REGEX_CONTEXTS: RegExp[] = [
  /allow_origin_regex\s*=\s*r?["']([^"']+)["']/g, // Starlette
  /(?:CORS_ALLOWED_ORIGIN_REGEXES|CORS_ORIGIN_REGEX_WHITELIST)\s*=\s*[[(]\s*r?["']([^"']+)["']/g, // django-cors-headers
  /SetEnvIf(?:NoCase)?\s+Origin\s+"([^"]+)"/g, // Apache
  /(?:^|[;{])\s*"?~\*?\s*"?([^"\s;]+)"?\s+\S+;/gm, // nginx map entry
  /origins?\s*:\s*\/((?:\\\/|[^/\n])+)\/[a-z]*/g, // JS RegExp literal as origin
  /new RegExp\(\s*["'`]([^"'`]+)["'`]/g,
  /regexp\.MustCompile\(\s*["`]([^"`]+)["`]/g, // Go
  /allowed_origins_patterns['"]?\s*=>\s*\[\s*['"]([^'"]+)['"]/g, // Laravel
];

/**
 * Origin regexes must be anchored at both ends (`^…$`; a suffix match lets example.com.evil.net through) and
 * escape their dots (an unescaped dot in app.example.com also matches appXexample.com, a domain anyone can buy).
 * A pattern already written as a lookalike-proof fullmatch (Starlette) still gets the same rule: it is cheap.
 */
function regexFindings(code: string): LintFinding[] {
  const out: LintFinding[] = [];
  for (const context of REGEX_CONTEXTS) {
    for (const m of code.matchAll(context)) {
      const pattern = m[1] ?? '';
      if (!/https?|:\/\/|:\\\/\\\//.test(pattern)) continue;
      if (!pattern.startsWith('^') || !pattern.endsWith('$'))
        out.push({
          rule: 'unanchored-origin-match',
          message: `origin regex not anchored with ^…$: ${pattern}`,
        });
      if (/(^|[^\\])\.[A-Za-z0-9]/.test(pattern))
        out.push({
          rule: 'unanchored-origin-match',
          message: `origin regex with an unescaped dot: ${pattern}`,
        });
    }
  }
  return out;
}

export function lintSnippet(s: Snippet): LintFinding[] {
  // Comments may legitimately name the bad idioms ("never origin: true"); lint the code, not the prose.
  const code = s.code
    .split('\n')
    .filter((l) => !/^\s*(#|\/\/|--|;|\*|\/\*)/.test(l))
    .join('\n');
  const out = CODE_RULES.filter((r) => r.pattern.test(code)).map((r) => ({
    rule: r.rule,
    message: r.message,
  }));
  if (WILDCARD_ORIGIN.test(code) && CREDENTIALS_ON.test(code))
    out.push({
      rule: 'wildcard-with-credentials',
      message: 'origin `*` configured together with credentials',
    });
  return [...out, ...regexFindings(code)];
}

/** Every finding of a fix, deduplicated; a generator's own output must come back empty. */
export function lintFix(fix: Pick<Fix, 'snippets' | 'expected'>): LintFinding[] {
  const all = [
    ...fix.snippets.flatMap(lintSnippet),
    ...lintHeaders(fix.expected.response),
    ...(fix.expected.preflight ? lintHeaders(fix.expected.preflight) : []),
  ];
  const seen = new Set<string>();
  return all.filter((f) => {
    const key = `${f.rule}:${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
