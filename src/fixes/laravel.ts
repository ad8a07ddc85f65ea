// Laravel ≥ 9.2: the built-in HandleCors reads config/cors.php. max_age defaults to 0 (every request preflighted),
// and a single allowed origin is sent verbatim to every caller, so failures look like a mismatch.
import type { FixGenerator } from './types.ts';
import { buildFix, pitfallText } from './common.ts';
import { list, pathPrefix } from './syntax.ts';
import { phpStr as sq } from './quote/code.ts';

export const laravel: FixGenerator = {
  id: 'laravel',
  label: 'Laravel',
  generate: (input) =>
    buildFix('laravel', input, (p) => {
      const code = `<?php

return [
    'paths' => [${sq(pathPrefix(p.path).replace(/^\//, ''))}],
    'allowed_methods' => ${list(p.methods, sq)},
    'allowed_origins' => ${list([p.origin], sq)},
    'allowed_origins_patterns' => [],
    'allowed_headers' => ${list(p.headers, sq)},
    'exposed_headers' => ${list(p.expose, sq)},
    'max_age' => ${p.maxAge},
    'supports_credentials' => ${p.credentials ? 'true' : 'false'},
];
`;
      return {
        title: `Allow ${p.origin} in config/cors.php`,
        snippets: [
          {
            language: 'php',
            where: 'config/cors.php (Laravel 11+: php artisan config:publish cors first)',
            code,
          },
        ],
        pitfall: pitfallText(p, {
          'preflight-unhandled':
            "The path is not in 'paths', so HandleCors ignored the preflight and the router answered it.",
          'error-loses-cors': `The ${p.realStatus ?? 'error'} had no CORS headers: it was produced before HandleCors (a web-server error page, or middleware above it).`,
        }),
        notes: [
          'Run php artisan config:clear after editing when the config is cached.',
          'Laravel < 9.2 needs fruitcake/laravel-cors with the same keys.',
        ],
      };
    }),
};

// References: laravel.com/docs/routing#cors; github.com/fruitcake/php-cors src/CorsService.php.
