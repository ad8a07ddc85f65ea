// Echo: middleware.CORSWithConfig with the exact origin, app-wide via e.Use. Echo v5 makes AllowOrigins mandatory
// and renames AllowOriginFunc to UnsafeAllowOriginFunc; this config is valid in both.
import type { FixGenerator } from './types.ts';
import { buildFix, pitfallText } from './common.ts';
import { goCorsFields } from './syntax.ts';

export const echo: FixGenerator = {
  id: 'echo',
  label: 'Echo',
  generate: (input) =>
    buildFix('echo', input, (p) => {
      return {
        title: `Allow ${p.origin} with Echo's CORS middleware`,
        snippets: [
          { language: 'go', where: 'the import block', code: '"github.com/labstack/echo/v4/middleware"\n' },
          {
            language: 'go',
            where: 'right after `e := echo.New()`, before the routes',
            code: `e.Use(middleware.CORSWithConfig(middleware.CORSConfig{\n${goCorsFields(p, String(p.maxAge))}\n}))\n`,
          },
        ],
        pitfall: pitfallText(p, {
          'wildcard-credentials':
            'Echo v4 defaults AllowOrigins to ["*"]; with AllowCredentials it refuses to send `*` unless UnsafeWildcardOriginWithAllowCredentials. List the origin.',
          'preflight-unhandled':
            'CORS on a group or route only: Echo answers other preflights 404/405 {"message":…}. Register it with e.Use.',
        }),
        notes: ['Echo v5: import github.com/labstack/echo/v5/middleware; the fields are the same.'],
      };
    }),
};

// References: echo.labstack.com/docs/middleware/cors; labstack/echo middleware/cors.go.
