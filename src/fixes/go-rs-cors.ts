// Go net/http + rs/cors: wrap the whole handler (so every route and every error passes through) with the exact
// origin. MaxAge 0 sends no header, so it is set.
import type { FixGenerator } from './types.ts';
import { buildFix, pitfallText } from './common.ts';
import { goSlice } from './syntax.ts';

export const goRsCors: FixGenerator = {
  id: 'go-rs-cors',
  label: 'Go net/http (rs/cors)',
  generate: (input) =>
    buildFix('go-rs-cors', input, (p) => {
      const fields = [
        `AllowedOrigins: ${goSlice([p.origin])},`,
        ...(p.credentials ? ['AllowCredentials: true,'] : []),
        `AllowedMethods: ${goSlice(p.methods)},`,
        `AllowedHeaders: ${goSlice(p.headers)},`,
        ...(p.expose.length > 0 ? [`ExposedHeaders: ${goSlice(p.expose)},`] : []),
        `MaxAge: ${p.maxAge},`,
      ];
      return {
        title: `Allow ${p.origin} with rs/cors`,
        snippets: [
          { language: 'go', where: 'the import block', code: '"github.com/rs/cors"\n' },
          {
            language: 'go',
            where: 'where the server is started: wrap the handler you pass to http.ListenAndServe',
            code: `handler = cors.New(cors.Options{\n${fields.map((f) => '\t' + f).join('\n')}\n}).Handler(handler)\n`,
          },
        ],
        pitfall: pitfallText(p, {
          methods: `rs/cors allows only HEAD, GET and POST by default: ${p.methods.join(', ')} must be listed.`,
          'wildcard-credentials':
            'AllowedOrigins ["*"] (the default) with AllowCredentials sends `*`, which the browser rejects with credentials; list the origin.',
        }),
        notes: [
          'Debug: true logs why rs/cors refused a request.',
          'rs/cors ≥ 1.8 has AllowPrivateNetwork; only for private origins.',
        ],
      };
    }),
};

// References: github.com/rs/cors README and cors.go; rs/cors#152.
