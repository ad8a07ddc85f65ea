// ASP.NET Core: a named policy with the exact origin, and UseCors at the right place in the pipeline (after
// UseRouting, before UseAuthentication/UseAuthorization/UseResponseCaching), the usual cause of missing headers.
import type { FixGenerator } from './types.ts';
import { buildFix, pitfallText } from './common.ts';
import { csStr as dq } from './quote/code.ts';

const args = (items: readonly string[]): string => items.map(dq).join(', ');

export const aspnet: FixGenerator = {
  id: 'aspnet',
  label: 'ASP.NET Core',
  generate: (input) =>
    buildFix('aspnet', input, (p) => {
      const policy = [
        `.WithOrigins(${dq(p.origin)})`,
        `.WithMethods(${args(p.methods)})`,
        `.WithHeaders(${args(p.headers)})`,
        ...(p.expose.length > 0 ? [`.WithExposedHeaders(${args(p.expose)})`] : []),
        ...(p.credentials ? ['.AllowCredentials()'] : []),
        `.SetPreflightMaxAge(TimeSpan.FromSeconds(${p.maxAge}))`,
      ];
      const services = `builder.Services.AddCors(options =>\n    options.AddPolicy("Frontend", policy => policy\n${policy.map((l) => '        ' + l).join('\n')}));\n`;
      const pipeline =
        'app.UseRouting();\napp.UseCors("Frontend"); // after UseRouting, before auth and response caching\napp.UseAuthentication();\napp.UseAuthorization();\n';
      return {
        title: `Allow ${p.origin} with an ASP.NET Core CORS policy`,
        snippets: [
          { language: 'csharp', where: 'Program.cs, before `var app = builder.Build();`', code: services },
          {
            language: 'csharp',
            where: 'Program.cs, the middleware pipeline (keep this order)',
            code: pipeline,
          },
        ],
        pitfall: pitfallText(p, {
          'error-loses-cors': `The ${p.realStatus ?? 'error'} had no CORS headers: UseCors ran after UseAuthentication/UseAuthorization (a JWT 401 is written before CORS), or an exception page answered first.`,
          'preflight-unhandled':
            'UseCors after UseAuthorization (or missing): the preflight was rejected or answered 204 without CORS headers.',
          'wildcard-credentials':
            'AllowAnyOrigin() with AllowCredentials() throws InvalidOperationException; SetIsOriginAllowed(_ => true) trusts every site. List the origin.',
        }),
        notes: [
          'WithOrigins compares after lower-casing; a trailing slash never matches.',
          'Endpoint routing: .RequireCors("Frontend") on the endpoints instead of a global policy name also works.',
        ],
      };
    }),
};

// References: learn.microsoft.com/aspnet/core/security/cors; dotnet/aspnetcore#20709, dotnet/AspNetCore.Docs#17862.
