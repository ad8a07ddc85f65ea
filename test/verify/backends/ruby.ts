// Rack + rack-cors on WEBrick from Debian (ruby-rack-cors, ruby-webrick). The fix's config.ru snippet is the one
// applied; the Rails initializer is the same allow block inside insert_before 0.
import { existsSync } from 'node:fs';
import { fill, writeFiles } from '../harness.ts';
import type { Target } from '../target.ts';

const CONFIG_RU = `require "rack"

@@CORS_0@@

run lambda { |env|
  req = Rack::Request.new(env)
  case [req.request_method, req.path_info]
  when ["GET", "/api/chat"], ["POST", "/api/chat"]
    [200, { "Content-Type" => "application/json", "X-Request-Id" => "r-1" }, ['{"ok":true}']]
  when ["GET", "/api/boom"]
    raise "boom"
  else
    [404, { "Content-Type" => "text/plain" }, ["not found"]]
  end
}
`;

export const rails: Target = {
  backend: 'rails',
  label: 'Rack 2.2 / rack-cors 1.1 (WEBrick)',
  missing: () =>
    existsSync('/usr/bin/rackup') && existsSync('/usr/lib/ruby/vendor_ruby/rack/cors.rb')
      ? null
      : 'ruby-rack / ruby-rack-cors / ruby-webrick not installed (run test/verify/install.sh as root)',
  variants: [
    {
      id: 'none',
      bug: 'no Rack::Cors, credentialed GET',
      shape: 'get-cred',
      broken: () => [''],
      chrome: 'MissingAllowOriginHeader',
      cause: 'MissingAllowOriginHeader',
    },
    {
      id: 'boom',
      bug: 'Rack::Cors, but an exception escapes it: 500 without CORS',
      shape: 'boom',
      chrome: 'MissingAllowOriginHeader',
      cause: 'server-error-without-cors',
      realStatus: 500,
      broken: (c) => [
        `require "rack/cors"\nuse Rack::Cors do\n  allow do\n    origins "${c.origin}"\n    resource "/api/*", methods: [:get, :post], credentials: true\n  end\nend`,
      ],
    },
  ],
  // Snippet 0 is the Rails initializer; the plain-Rack config.ru block is snippet 1.
  regionsOf: (fix) => [fix.snippets[1]?.code ?? ''],
  prepare: (dir, regions, c) => {
    writeFiles(dir, { 'config.ru': fill(CONFIG_RU, regions) });
    return Promise.resolve({
      cmd: '/usr/bin/rackup',
      args: ['-s', 'webrick', '-o', '127.0.0.1', '-p', String(c.apiPort), 'config.ru'],
      cwd: dir,
      port: c.apiPort,
    });
  },
};
