// Django + django-cors-headers: CorsMiddleware first in MIDDLEWARE (before CommonMiddleware and anything else that
// can answer), the exact origin, and the CSRF note that cookie-carrying cross-origin POSTs also need.
import type { FixGenerator } from './types.ts';
import { buildFix, pitfallText } from './common.ts';
import { list } from './syntax.ts';
import { pyStr as dq } from './quote/code.ts';

export const django: FixGenerator = {
  id: 'django',
  label: 'Django (django-cors-headers)',
  generate: (input) =>
    buildFix('django', input, (p) => {
      const mw = dq('corsheaders.middleware.CorsMiddleware');
      const code = [
        'INSTALLED_APPS = [*INSTALLED_APPS, "corsheaders"]',
        '# First, so no other middleware (CommonMiddleware, WhiteNoise, auth) answers before CORS headers are added.',
        `MIDDLEWARE = [${mw}, *[m for m in MIDDLEWARE if m != ${mw}]]`,
        `CORS_ALLOWED_ORIGINS = ${list([p.origin], dq)}`,
        ...(p.credentials ? ['CORS_ALLOW_CREDENTIALS = True'] : []),
        `CORS_ALLOW_METHODS = ${list(p.methods, dq)}`,
        `CORS_ALLOW_HEADERS = ${list(p.headers, dq)}`,
        ...(p.expose.length > 0 ? [`CORS_EXPOSE_HEADERS = ${list(p.expose, dq)}`] : []),
        `CORS_PREFLIGHT_MAX_AGE = ${p.maxAge}`,
        ...(p.credentials && p.methods.some((m) => m !== 'GET' && m !== 'HEAD')
          ? [`CSRF_TRUSTED_ORIGINS = ${list([p.origin], dq)}`]
          : []),
      ].join('\n');
      return {
        title: `Allow ${p.origin} with django-cors-headers`,
        snippets: [
          {
            language: 'python',
            where: 'settings.py, at the end (after INSTALLED_APPS and MIDDLEWARE are defined)',
            code: code + '\n',
          },
        ],
        pitfall: pitfallText(p, {
          'preflight-unhandled':
            'Without CorsMiddleware (or with it after CommonMiddleware) the view answers OPTIONS itself: 405 or 200 without CORS headers.',
          'origin-not-allowed':
            'CORS_ALLOWED_ORIGINS must hold the exact origin: scheme, host and port, no trailing slash (corsheaders.E014).',
        }),
        notes: [
          'Cookie-authenticated unsafe requests also pass Django CSRF: CSRF_TRUSTED_ORIGINS (with scheme since Django 4) and the X-CSRFToken header.',
          'django-cors-headers 4 adds CORS_ALLOW_PRIVATE_NETWORK; regexes in CORS_ALLOWED_ORIGIN_REGEXES use re.match, so anchor them with ^…$.',
          'APPEND_SLASH redirects a request without the trailing slash, which breaks the preflight: call the exact URL.',
        ],
      };
    }),
};

// References: github.com/adamchainz/django-cors-headers README; adamchainz/django-cors-headers#512.
