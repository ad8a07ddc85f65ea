// Rails / Rack + rack-cors: inserted at position 0 so it runs before anything that can answer, with the exact
// origin on the API resource. A plain Rack app gets the same block in config.ru.
import type { FixGenerator } from './types.ts';
import type { Plan } from './common.ts';
import { buildFix, pitfallText } from './common.ts';
import { list, pathPrefix } from './syntax.ts';
import { rubyStr as dq, rubySymbol } from './quote/code.ts';

function allowBlock(p: Plan, indent: string): string {
  const opts = [
    `headers: ${list(p.headers, dq)}`,
    `methods: ${list(
      p.methods.map((m) => m.toLowerCase()),
      rubySymbol,
    )}`,
    ...(p.credentials ? ['credentials: true'] : []),
    ...(p.expose.length > 0 ? [`expose: ${list(p.expose, dq)}`] : []),
    `max_age: ${p.maxAge}`,
  ];
  const body = `allow do\n  origins ${dq(p.origin)}\n  resource ${dq(pathPrefix(p.path))},\n${opts.map((o) => '    ' + o).join(',\n')}\nend`;
  return body
    .split('\n')
    .map((l) => indent + l)
    .join('\n');
}

// Plain Rack has no exceptions app: an exception raised by the app unwinds through Rack::Cors, which then adds
// nothing, so the error is turned into a 500 response inside it (verified: WEBrick 500 without CORS otherwise).
const RESCUE = `
# Exceptions escaping the app skip Rack::Cors: answer them with a 500 inside it, so the 500 keeps its CORS headers.
use(Class.new do
  def initialize(app)
    @app = app
  end

  def call(env)
    @app.call(env)
  rescue StandardError => e
    warn e.full_message
    [500, { "Content-Type" => "text/plain" }, ["Internal Server Error"]]
  end
end)
`;

export const rails: FixGenerator = {
  id: 'rails',
  label: 'Rails / Rack (rack-cors)',
  generate: (input) =>
    buildFix('rails', input, (p) => ({
      title: `Allow ${p.origin} with rack-cors`,
      snippets: [
        {
          language: 'ruby',
          where: 'config/initializers/cors.rb (Rails)',
          code: `Rails.application.config.middleware.insert_before 0, Rack::Cors do\n${allowBlock(p, '  ')}\nend\n`,
        },
        {
          language: 'ruby',
          where: 'config.ru, before `run` (plain Rack, Sinatra)',
          code: `require "rack/cors"\n\nuse Rack::Cors do\n${allowBlock(p, '  ')}\nend\n${p.pitfall === 'error-loses-cors' ? RESCUE : ''}`,
        },
      ],
      pitfall: pitfallText(p, {
        'error-loses-cors': `The ${p.realStatus ?? 'error'} had no CORS headers: an exception escaped rack-cors. In Rails insert it at 0 (the exceptions app then runs inside it); in plain Rack rescue errors in a middleware after Rack::Cors.`,
        'preflight-unhandled':
          'No rack-cors resource matched this path, so the app answered the OPTIONS preflight without CORS headers.',
        'wildcard-credentials':
          "origins '*' with credentials: true raises Rack::Cors::CorsMisconfigurationError; list the origin.",
      }),
      notes: ['debug: true on Rack::Cors adds X-Rack-CORS headers saying why a request was refused.'],
    })),
};

// References: github.com/cyu/rack-cors README.
