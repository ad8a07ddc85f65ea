// Minitest (Ruby's bundled runner) with rack-test against the Rack app built from config.ru, in process: Rails
// apps are Rack apps too (`def app = Rails.application`). An exception that escapes the middleware stack reaches
// the browser as a 500 without CORS headers, so the test turns it into exactly that response.
import { comment, rb } from './quote.ts';
import type { TestSpec } from './spec.ts';

const arr = (xs: string[]): string => `[${xs.map(rb).join(', ')}].freeze`;

/** `className` is built from safe characters by the caller; every value is a Ruby literal. */
export function minitestFile(s: TestSpec, className: string): string {
  return `# CORS regression test emitted by cors-lens: ${comment(`${s.method} ${s.path} from ${s.origin}`)}
# It asserts what a browser needs for this exact request, and that another site is refused.
# Run: ruby -Itest this_file.rb (or rake test); needs the rack-test gem.
require "minitest/autorun"
require "rack/test"

class ${className} < Minitest::Test
  include Rack::Test::Methods

  CONFIG_RU = File.expand_path("../config.ru", __dir__) # your app's config.ru (Rails: return Rails.application below)
  ORIGIN = ${rb(s.origin)}
  HOSTILE = ${rb(s.hostile)}
  PATH = ${rb(s.path)}
  METHOD = ${rb(s.method)}
  HEADERS = [${s.headers.map(([n, v]) => `[${rb(n)}, ${rb(v)}]`).join(', ')}].freeze
  REQUEST_HEADERS = ${s.requestHeaders === null ? 'nil' : rb(s.requestHeaders)}
  CREDENTIALS = ${String(s.credentials)}
  EXPOSE = ${arr(s.expose)}
  PREFLIGHT = ${String(s.preflight)}
  METHOD_LISTED = ${String(s.methodListed)}

  def app
    @app ||= Array(Rack::Builder.parse_file(CONFIG_RU)).first
  end

  def send_request(method, headers)
    env = headers.to_h { |k, v| [k.downcase == "content-type" ? "CONTENT_TYPE" : "HTTP_#{k.upcase.tr("-", "_")}", v] }
    custom_request(method, PATH, {}, env)
    last_response
  rescue StandardError => e
    Rack::MockResponse.new(500, {}, [e.message])
  end

  def preflight(origin)
    headers = [["Origin", origin], ["Access-Control-Request-Method", METHOD]]
    headers << ["Access-Control-Request-Headers", REQUEST_HEADERS] if REQUEST_HEADERS
    send_request("OPTIONS", headers)
  end

  def names(value)
    value.to_s.split(",").map { |v| v.strip.downcase }.reject(&:empty?)
  end

  def allows?(r, origin)
    acao = r.headers["access-control-allow-origin"]
    return acao == origin && r.headers["access-control-allow-credentials"] == "true" if CREDENTIALS

    [origin, "*"].include?(acao)
  end

  def test_preflight_is_answered_for_the_frontend
    skip "a browser sends no preflight for this request" unless PREFLIGHT
    r = preflight(ORIGIN)
    assert (200..299).cover?(r.status), "preflight answered #{r.status}"
    assert allows?(r, ORIGIN), r.headers.to_h.inspect
    wildcard = !CREDENTIALS
    methods = names(r.headers["access-control-allow-methods"])
    assert !METHOD_LISTED || methods.include?(METHOD.downcase) || (wildcard && methods.include?("*")), methods.inspect
    allowed = names(r.headers["access-control-allow-headers"])
    names(REQUEST_HEADERS).each do |name|
      assert allowed.include?(name) || (wildcard && allowed.include?("*") && name != "authorization"), name
    end
  end

  def test_response_is_readable_by_the_frontend
    r = send_request(METHOD, HEADERS + [["Origin", ORIGIN]])
    assert allows?(r, ORIGIN), "#{r.status}: #{r.headers.to_h.inspect}"
    exposed = names(r.headers["access-control-expose-headers"])
    EXPOSE.each { |name| assert exposed.include?(name) || (!CREDENTIALS && exposed.include?("*")), name }
  end

  def test_another_site_is_refused
    r = PREFLIGHT ? preflight(HOSTILE) : send_request(METHOD, HEADERS + [["Origin", HOSTILE]])
    acao = r.headers["access-control-allow-origin"]
    refute acao == HOSTILE || (CREDENTIALS && acao == "*"), acao
  end
end
`;
}
