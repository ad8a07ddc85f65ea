// Chrome's console lines, compared with lines measured on Chromium 156 (docs/chromium-behaviour.md#console-lines, cases a-o).
import { describe, expect, it } from 'vitest';
import { consoleMessage } from './console.ts';
import type { ResourceKind } from './types.ts';

const base = {
  kind: 'fetch' as const,
  url: 'http://127.0.0.1:8000/a?r=1',
  origin: 'http://localhost:3000',
  failedParameter: '',
};
const head =
  "Access to fetch at 'http://127.0.0.1:8000/a?r=1' from origin 'http://localhost:3000' has been blocked by CORS policy: ";

describe('consoleMessage', () => {
  it.each([
    [
      'MissingAllowOriginHeader',
      '',
      "No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    ],
    [
      'AllowOriginMismatch',
      'http://evil.example',
      "The 'Access-Control-Allow-Origin' header has a value 'http://evil.example' that is not equal to the supplied origin. Have the server send the header with a valid value.",
    ],
    [
      'WildcardOriginNotAllowed',
      '',
      "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
    ],
    [
      'InvalidAllowCredentials',
      '',
      "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.",
    ],
    [
      'PreflightMissingAllowOriginHeader',
      '',
      "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    ],
    [
      'PreflightInvalidStatus',
      '',
      "Response to preflight request doesn't pass access control check: It does not have HTTP ok status.",
    ],
    [
      'HeaderDisallowedByPreflightResponse',
      'content-type',
      'Request header field content-type is not allowed by Access-Control-Allow-Headers in preflight response.',
    ],
    [
      'MethodDisallowedByPreflightResponse',
      'PUT',
      'Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.',
    ],
    [
      'MultipleAllowOriginValues',
      'http://localhost:3000, http://other',
      "The 'Access-Control-Allow-Origin' header contains multiple values 'http://localhost:3000, http://other', but only one is allowed. Have the server send the header with a valid value.",
    ],
    [
      'PreflightDisallowedRedirect',
      '',
      "Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.",
    ],
    [
      'PreflightWildcardOriginNotAllowed',
      '',
      "Response to preflight request doesn't pass access control check: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
    ],
  ] as const)('%s', (corsError, failedParameter, detail) => {
    expect(consoleMessage({ ...base, corsError, failedParameter })).toBe(head + detail);
  });

  it('names the redirect and XMLHttpRequest as Chrome does (cases m, a-xhr)', () => {
    expect(
      consoleMessage({
        ...base,
        url: 'http://127.0.0.1:8001/m-target',
        initialUrl: 'http://127.0.0.1:8000/m?r=1',
        corsError: 'MissingAllowOriginHeader',
      }),
    ).toBe(
      "Access to fetch at 'http://127.0.0.1:8001/m-target' (redirected from 'http://127.0.0.1:8000/m?r=1') from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    );
    expect(consoleMessage({ ...base, kind: 'xhr', corsError: 'MissingAllowOriginHeader' })).toMatch(
      /^Access to XMLHttpRequest at /,
    );
  });

  it('names every resource kind as Chromium 150 and 156 print it (docs/destinations.md)', () => {
    const measured: [ResourceKind, string][] = [
      ['font', 'font'],
      ['script', 'script'],
      ['stylesheet', 'CSS stylesheet'],
      ['image', 'image'],
      ['audio', 'audio'],
      ['video', 'video'],
      ['eventsource', 'resource'],
      ['fetch', 'fetch'],
      ['xhr', 'XMLHttpRequest'],
    ];
    for (const [kind, word] of measured)
      expect(consoleMessage({ ...base, kind, corsError: 'MissingAllowOriginHeader' })).toBe(
        `Access to ${word} at 'http://127.0.0.1:8000/a?r=1' from origin 'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
      );
  });

  it('XHR gets the withCredentials suffix and no fetch suffix', () => {
    expect(consoleMessage({ ...base, kind: 'xhr', corsError: 'InvalidAllowCredentials' })).toMatch(
      /controlled by the withCredentials attribute\.$/,
    );
    expect(
      consoleMessage({ ...base, kind: 'xhr', corsError: 'AllowOriginMismatch', failedParameter: 'x' }),
    ).toMatch(/not equal to the supplied origin\.$/);
  });

  it('escapes control characters in the failed parameter', () => {
    expect(
      consoleMessage({ ...base, corsError: 'InvalidAllowOriginValue', failedParameter: 'a\u0001b' }),
    ).toContain("invalid value 'a\\u0001b'");
  });

  it('prints nothing where Blink has no template', () => {
    expect(consoleMessage({ ...base, corsError: 'NoCorsRedirectModeNotFollow' })).toBeNull();
  });
});
