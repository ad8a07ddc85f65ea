import { describe, expect, it } from 'vitest';
import type { Observed } from '../engine/types.ts';
import { curlCommands, shellQuote } from './curl.ts';

const base: Observed = {
  pageOrigin: 'http://localhost:3000',
  method: 'PUT',
  url: 'http://127.0.0.1:8000/items?token=t0k',
  requestHeaders: {
    'Content-Type': 'application/json',
    'X-Note': "it's",
    Authorization: 'Bearer abc123456',
    'Sec-Fetch-Mode': 'cors',
  },
  preflight: {
    url: 'http://127.0.0.1:8000/items?token=t0k',
    method: 'OPTIONS',
    requestHeaders: {
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type,x-note',
    },
    status: 404,
    responseHeaders: {},
  },
  hops: [],
  netError: 'net::ERR_FAILED',
};

describe('curlCommands', () => {
  it('quotes anything for a POSIX shell', () => {
    expect(shellQuote("a'b; rm -rf /")).toBe("'a'\\''b; rm -rf /'");
  });

  it('replays the preflight and the request with the real Origin, redacted by default', () => {
    const text = curlCommands(base, { includeSensitive: false });
    expect(text).toBe(
      [
        '# Preflight: the server must answer 2xx with the Access-Control-Allow-* headers',
        "curl -i -X OPTIONS 'http://127.0.0.1:8000/items?token=[REDACTED]' \\",
        "  -H 'origin: http://localhost:3000' \\",
        "  -H 'access-control-request-method: PUT' \\",
        "  -H 'access-control-request-headers: content-type,x-note'",
        '',
        '# Actual request: the response must carry Access-Control-Allow-Origin for this origin',
        "curl -i -X PUT 'http://127.0.0.1:8000/items?token=[REDACTED]' \\",
        "  -H 'origin: http://localhost:3000' \\",
        "  -H 'content-type: application/json' \\",
        "  -H 'x-note: it'\\''s' \\",
        "  -H 'authorization: Bearer [REDACTED]'",
      ].join('\n'),
    );
  });

  it('carries the real values only when asked, and notes the cookies a credentialed request needs', () => {
    const text = curlCommands({ ...base, credentials: 'include' }, { includeSensitive: true });
    expect(text).toContain("-H 'authorization: Bearer abc123456'");
    expect(text).toContain('?token=t0k');
    expect(text).toContain('# credentials: include');
  });
});
