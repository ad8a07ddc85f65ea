// Apache httpd: mod_setenvif allows exactly the failing origin, mod_headers sets the headers with `always` (only
// that table covers Apache's own 4xx/5xx), and mod_rewrite answers the preflight with 204.
import type { FixGenerator } from './types.ts';
import { buildFix, pitfallText } from './common.ts';
import { anchoredOriginRegex, pathPrefix, regexEscape } from './syntax.ts';
import { apacheRegexStr, apacheRewriteStr, apacheStr as dq } from './quote/config.ts';
import { assetKind, extensionPattern } from './assets.ts';

export const apache: FixGenerator = {
  id: 'apache',
  label: 'Apache httpd',
  generate: (input) =>
    buildFix('apache', input, (p) => {
      const set = (name: string, value: string): string =>
        `Header always set ${name} ${dq(value)} env=CORS_ORIGIN`;
      const lines = [
        '# Needs mod_headers, mod_setenvif and mod_rewrite.',
        `SetEnvIf Origin ${apacheRegexStr(anchoredOriginRegex(p.origin))} CORS_ORIGIN=$0`,
        '# The app\'s own copy would make the header appear twice ("multiple values").',
        'Header unset Access-Control-Allow-Origin',
        'Header unset Access-Control-Allow-Credentials',
        // A format string of our own, so not through the quoter (which refuses `%` in values).
        'Header always set Access-Control-Allow-Origin "%{CORS_ORIGIN}e" env=CORS_ORIGIN',
        ...(p.credentials ? [set('Access-Control-Allow-Credentials', 'true')] : []),
        ...(p.expose.length > 0 ? [set('Access-Control-Expose-Headers', p.expose.join(', '))] : []),
        ...(p.preflight
          ? [
              set('Access-Control-Allow-Methods', p.methods.join(', ')),
              ...(p.headers.length > 0 ? [set('Access-Control-Allow-Headers', p.headers.join(', '))] : []),
              set('Access-Control-Max-Age', String(p.maxAge)),
              'Header always merge Vary Origin',
              '# Answer the preflight here instead of passing OPTIONS to the app.',
              'RewriteEngine On',
              'RewriteCond %{REQUEST_METHOD} =OPTIONS',
              'RewriteCond %{HTTP:Access-Control-Request-Method} !^$',
              `RewriteRule ${apacheRewriteStr(`^${regexEscape(pathPrefix(p.path, ''))}`)} - [R=204,L]`,
            ]
          : ['Header always merge Vary Origin']),
      ];
      const asset = assetKind(p);
      const files = asset === null ? null : extensionPattern(asset);
      // Static files Apache serves from disk: the header lines scoped to their extensions (our own constant pattern).
      const code =
        files === null || p.preflight
          ? lines.join('\n') + '\n'
          : `# Needs mod_headers and mod_setenvif.\n${lines[1] ?? ''}\n<FilesMatch "${files}">\n${lines
              .slice(2)
              .filter((l) => !l.startsWith('#') && !l.startsWith('Header unset'))
              .map((l) => '    ' + l)
              .join('\n')}\n</FilesMatch>\n`;
      return {
        title: `Answer CORS for ${p.origin} in Apache${asset === null ? '' : ` (${asset} files)`}`,
        snippets: [
          {
            language: 'apache',
            where:
              files === null || p.preflight
                ? `the <VirtualHost> that serves ${p.path} (not .htaccess: the RewriteRule is server-context)`
                : `the <VirtualHost> or <Directory> that serves ${p.path} (or its .htaccess)`,
            code,
          },
        ],
        pitfall: pitfallText(p, {
          'error-loses-cors': `Header set (without always) skips error responses: the ${p.realStatus ?? 'error'} went out without CORS headers.`,
          'duplicate-acao':
            "Header always set adds to the app's own Access-Control-Allow-Origin (two header tables), giving two values: Header unset removes the app's copy.",
          'preflight-unhandled':
            'The OPTIONS preflight was passed to the app, which answered it without CORS; the RewriteRule answers it with 204.',
        }),
        notes: ['Reload with apachectl configtest && apachectl graceful.'],
      };
    }),
};

// References: httpd.apache.org/docs/2.4/mod/mod_headers.html#header; docs/backends.md#apache.
