// Flask + flask-cors: CORS(app) scoped to the API path (resource keys are re.match regexes, so a prefix) with the exact origin. Bare CORS(app) sends `*` (and with
// supports_credentials reflects every origin), so the origin is always listed.
import type { FixGenerator } from './types.ts';
import { buildFix, describe, type Plan } from './common.ts';
import { list, pathPrefix } from './syntax.ts';
import { pyStr } from './quote/code.ts';

export const flask: FixGenerator = {
  id: 'flask',
  label: 'Flask (flask-cors)',
  generate: (input) =>
    buildFix('flask', input, (p) => {
      const opts = [
        `resources={${pyStr(pathPrefix(p.path))}: {"origins": ${list([p.origin], pyStr)}}},`,
        ...(p.credentials ? ['supports_credentials=True,'] : []),
        `methods=${list(p.methods, pyStr)},`,
        `allow_headers=${list(p.headers, pyStr)},`,
        ...(p.expose.length > 0 ? [`expose_headers=${list(p.expose, pyStr)},`] : []),
        `max_age=${p.maxAge},`,
      ];
      const pitfalls: Partial<Record<Plan['pitfall'], string>> = {
        'wildcard-credentials':
          "CORS(app) without supports_credentials sends no Access-Control-Allow-Credentials; with it and the default origins='*' it reflects every site. List the origin.",
        'preflight-unhandled':
          "Flask's automatic OPTIONS answers the preflight without CORS headers when flask-cors is not applied to this path.",
        'error-loses-cors': `The ${p.realStatus ?? 'error'} response had no CORS headers: flask-cors covers errors raised inside Flask, not the Werkzeug debugger page or a proxy's own error.`,
        methods: `methods must include ${describe.methods(p)}.`,
        headers: `allow_headers must include ${describe.headers(p)}.`,
        'duplicate-acao': 'Both a proxy and flask-cors add Access-Control-Allow-Origin: keep one.',
      };
      return {
        title: `Allow ${p.origin} with flask-cors`,
        snippets: [
          {
            language: 'python',
            where: 'app.py, right after `app = Flask(__name__)`',
            code: `from flask_cors import CORS\n\nCORS(\n    app,\n${opts.map((o) => '    ' + o).join('\n')}\n)\n`,
          },
        ],
        pitfall: pitfalls[p.pitfall] ?? null,
        notes: [
          'flask-cors treats origins containing * \\ or ] as regexes; this one is a plain string, matched exactly.',
          'flask-cors 4.0.0–4.0.1 allowed private network access by default (CVE-2024-6221): use ≥ 4.0.2; 6.0 matches paths case-sensitively.',
        ],
      };
    }),
};

// References: flask-cors.readthedocs.io/en/latest/api.html; corydolphin/flask-cors#202, CHANGELOG.
