import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HOSTILE_STRINGS, HOSTILE_TOKENS } from '../fixes/quote/hostile-corpus.ts';
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

describe('the copied cURL runs exactly the intended curl, whatever the page sent', () => {
  // A stub `curl` first on PATH records its argv; the commands run in a real bash.
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-curl-'));
  const log = join(dir, 'argv');
  writeFileSync(
    join(dir, 'curl'),
    `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a"; done >> "${log}"\nprintf 'END\\0' >> "${log}"\n`,
  );
  chmodSync(join(dir, 'curl'), 0o755);
  const canary = '/tmp/cors-lens-pwned';
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function runCurl(o: Observed): string[][] {
    rmSync(log, { force: true });
    rmSync(canary, { force: true });
    const r = spawnSync('bash', ['-c', curlCommands(o, { includeSensitive: true })], {
      env: { PATH: `${dir}:/usr/bin:/bin` },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(canary), 'a hostile value ran a command').toBe(false);
    const words = readFileSync(log, 'utf8').split('\0').slice(0, -1);
    const calls: string[][] = [[]];
    for (const w of words)
      if (w === 'END') calls.push([]);
      else calls.at(-1)?.push(w);
    return calls.slice(0, -1);
  }

  // NUL cannot be in an argv at all, and a lone surrogate cannot be written as UTF-8: both are out of scope here.
  const values = [...HOSTILE_TOKENS, ...HOSTILE_STRINGS].filter(
    (s) => !s.includes('\0') && !/\p{Cs}/u.test(s),
  );
  it.each(values)('%j as the method, a header name, a value and in the URL', (v) => {
    const url = `http://127.0.0.1:8000/${v}?q=${v}`;
    const o: Observed = {
      ...base,
      method: v,
      url,
      requestHeaders: { [`x-${v}`]: v },
      preflight: {
        method: 'OPTIONS',
        status: 404,
        responseHeaders: {},
        url,
        requestHeaders: { 'access-control-request-method': v, 'access-control-request-headers': v },
      },
    };
    const [pre, actual] = runCurl(o);
    expect(pre).toEqual([
      '-i',
      '-X',
      'OPTIONS',
      url,
      '-H',
      'origin: http://localhost:3000',
      '-H',
      `access-control-request-method: ${v}`,
      '-H',
      `access-control-request-headers: ${v}`,
    ]);
    expect(actual).toEqual([
      '-i',
      '-X',
      v,
      url,
      '-H',
      'origin: http://localhost:3000',
      '-H',
      `x-${v.toLowerCase()}: ${v}`,
    ]);
  });
  it('a URL that looks like an option stays the URL', () => {
    const [actual] = runCurl({
      pageOrigin: base.pageOrigin,
      method: 'PUT',
      hops: [],
      netError: null,
      url: '-o/tmp/x',
      requestHeaders: {},
    });
    expect(actual).toEqual(['-i', '-X', 'PUT', '--url', '-o/tmp/x', '-H', 'origin: http://localhost:3000']);
  });
});
