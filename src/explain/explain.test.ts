// The three dialects read back: every Chrome line the engine can print round-trips to its CorsError, every Firefox
// reason of security.properties parses, every WebKit template parses with the set of causes it leaves open.
import { describe, expect, it } from 'vitest';
import { consoleMessage, RESOURCE_WORDS } from '../engine/console.ts';
import type { ResourceKind } from '../engine/types.ts';
import { CORS_ERRORS } from '../engine/cors-error-names.ts';
import { explainConsole } from './explain.ts';
import { FIREFOX_REASONS } from '../engine/firefox-strings.ts';
import { SAFARI_TEMPLATES } from './safari-strings.ts';

const URL_ = 'http://127.0.0.1:8000/a?r=1';
const PARAM: Record<string, string> = {
  MultipleAllowOriginValues: 'http://localhost:3000, http://other',
  InvalidAllowOriginValue: 'localhost:3000',
  AllowOriginMismatch: 'http://evil.example',
  InvalidAllowCredentials: 'TRUE',
  MethodDisallowedByPreflightResponse: 'PATCH',
  HeaderDisallowedByPreflightResponse: 'x-api-key',
  RedirectContainsCredentials: 'http://u:p@127.0.0.1:8001/t',
  InsecureLocalNetwork: 'loopback',
  InvalidLocalNetworkAccess: 'local',
  LocalNetworkAccessPermissionDenied: 'loopback',
  PreflightInvalidAllowExternal: 'false',
};
const param = (e: string): string => PARAM[e.replace(/^Preflight/, '')] ?? PARAM[e] ?? '';

describe('Chrome lines round-trip (engine → line → explain → same CorsError)', () => {
  const kinds = Object.keys(RESOURCE_WORDS) as ResourceKind[];
  const cases = CORS_ERRORS.flatMap((e) => kinds.map((kind) => [e, kind] as const));
  it.each(cases)('%s (%s)', (corsError, kind) => {
    const line = consoleMessage({
      kind,
      url: URL_,
      origin: 'http://localhost:3000',
      corsError,
      failedParameter: param(corsError),
    });
    if (line === null) {
      expect(corsError).toBe('NoCorsRedirectModeNotFollow');
      return;
    }
    const x = explainConsole(line);
    expect(x?.corsErrors).toEqual([corsError]);
    expect(x?.facts).toMatchObject({ url: URL_, origin: 'http://localhost:3000' });
    // "resource" names both EventSource and any other loader: no kind is read from it.
    expect(x?.facts.kind).toBe(RESOURCE_WORDS[kind] === 'resource' ? undefined : kind);
    if (param(corsError) !== '' && corsError !== 'InvalidLocalNetworkAccess')
      expect([x?.facts.value, x?.facts.header, x?.facts.method]).toContain(param(corsError));
  });

  it('reads the redirect, a copied source link, the older opaque-response suffix and the network line', () => {
    const x = explainConsole(
      "api.js:12 Access to fetch at 'http://127.0.0.1:8001/t' (redirected from 'http://127.0.0.1:8000/m') from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.\napi.js:12 POST http://127.0.0.1:8001/t net::ERR_FAILED 502 (Bad Gateway)",
    );
    expect(x?.corsErrors).toEqual(['MissingAllowOriginHeader']);
    expect(x?.facts).toMatchObject({ initialUrl: 'http://127.0.0.1:8000/m', method: 'POST', status: 502 });
    expect(x?.causes[0]?.code).toBe('server-error-without-cors');
    expect(x?.next.command).toBe(
      'cors-lens check http://127.0.0.1:8001/t --origin http://localhost:3000 --method POST',
    );
  });

  it('a preflight without ACAO leaves an unhandled OPTIONS route open, and names it when the status says 405', () => {
    const line =
      "Access to fetch at 'http://a.test/x' from origin 'http://b.test' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    expect(explainConsole(line)?.causes.map((c) => c.code)).toEqual([
      'PreflightMissingAllowOriginHeader',
      'preflight-not-handled',
    ]);
    expect(explainConsole(`${line}\nOPTIONS http://a.test/x net::ERR_FAILED 405`)?.causes[0]?.code).toBe(
      'preflight-not-handled',
    );
  });
});

const FF_URL = 'http://127.0.0.1:8000/s/x';
const fill = (text: string, second: string): string => text.replace('%1$S', FF_URL).replace('%2$S', second);

describe('Firefox reasons', () => {
  it.each(FIREFOX_REASONS.map((r) => [r.key, r] as const))('%s', (key, r) => {
    const second =
      r.second === 'status' ? '500' : r.second === 'header' ? 'x-api-key' : 'http://evil.example';
    for (const text of [fill(r.text, second), fill(r.text, second).replace(/[‘’]/g, "'")]) {
      const x = explainConsole(`12:00:01.123 ${text}`);
      expect(x?.templates).toEqual([key]);
      expect(x?.facts.url).toBe(FF_URL);
      // The status narrows the set (a 500 preflight is not a network failure); the rest stays open.
      for (const c of r.causes.filter((y) => y !== 'InvalidResponse'))
        expect(x?.causes.map((y) => y.code)).toContain(c);
    }
  });

  it('an unhandled preflight (404) and a preflight without response ("(null)")', () => {
    const r = FIREFOX_REASONS.find((x) => x.key === 'CORSPreflightDidNotSucceed3');
    expect(explainConsole(fill(r?.text ?? '', '404'))?.causes.map((c) => c.code)).toEqual([
      'preflight-not-handled',
      'PreflightInvalidStatus',
    ]);
    expect(explainConsole(fill(r?.text ?? '', '(null)'))?.causes.map((c) => c.code)).toEqual([
      'InvalidResponse',
    ]);
  });

  it('the origin Firefox does not print is left to the user', () => {
    const r = FIREFOX_REASONS.find((x) => x.key === 'CORSMissingAllowOrigin2');
    const x = explainConsole(fill(r?.text ?? '', '500'));
    expect(x?.next.command).toBe(`cors-lens check ${FF_URL} --origin "$ORIGIN" --method GET`);
    expect(x?.causes[0]?.code).toBe('server-error-without-cors');
  });
});

describe('Safari templates', () => {
  const values: Record<string, string> = {
    origin: 'http://localhost:3000',
    status: '500',
    method: 'PUT',
    header: 'x-api-key',
    value: 'GET POST',
    url: 'http://localhost:8000/v1/chat',
  };
  it.each(SAFARI_TEMPLATES.map((t) => [t.id, t] as const))('%s', (id, t) => {
    const text = t.text.replace(/\{([a-z]+)\}/g, (_, k: string) => values[k] ?? '');
    const x = explainConsole(`[Error] Failed to load resource: ${text} (chat, line 0)`);
    expect(x?.templates).toEqual([id]);
    expect(x?.corsErrors).toEqual(t.causes);
  });

  it('"is not allowed by Access-Control-Allow-Origin" is a missing or a mismatched header; the URL comes from the next line', () => {
    const x = explainConsole(
      '[Error] Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin. Status code: 200\n[Error] Fetch API cannot load http://localhost:8000/v1/chat due to access control checks.',
    );
    expect(x?.corsErrors).toEqual(
      expect.arrayContaining(['MissingAllowOriginHeader', 'AllowOriginMismatch']),
    );
    expect(x?.next.command).toBe(
      'cors-lens check http://localhost:8000/v1/chat --origin http://localhost:3000 --method GET',
    );
  });

  it('a redirect reason is read inside its wrapper', () => {
    const x = explainConsole(
      'Cross-origin redirection to http://localhost:8001/t denied by Cross-Origin Resource Sharing policy: Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin. Status code: 302',
    );
    expect(x?.templates).toEqual(['redirect/origin-not-allowed']);
  });
});

describe('hostile lines', () => {
  it('quotes or refuses what would run in a shell', () => {
    const x = explainConsole(
      "Access to fetch at 'http://a.test/$(touch pwned)?q=`id`' from origin 'http://b.test; rm -rf ~' has been blocked by CORS policy: Request header field x-a'b is not allowed by Access-Control-Allow-Headers in preflight response.",
    );
    expect(x?.next.command).toBe(
      `cors-lens check 'http://a.test/$(touch%20pwned)?q=\`id\`' --origin "$ORIGIN" --method GET -H 'x-a'\\''b: x'`,
    );
  });

  it('is not fooled by text that only mentions CORS', () => {
    expect(explainConsole('my app says CORS is broken')).toBeNull();
    expect(explainConsole('GET http://a.test/ net::ERR_FAILED 500')).toBeNull();
  });
});
