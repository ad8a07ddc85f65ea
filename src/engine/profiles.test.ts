// The two browser profiles over the whole fixture scenario table: the Chrome profile reproduces every measured
// verdict, and the standard profile differs from it exactly on the scenarios docs/engine.md lists as differences.
import { describe, expect, it } from 'vitest';
import { materialise } from '../../test/fixtures/cors-server.ts';
import { SCENARIOS } from '../../test/fixtures/scenarios.ts';
import { simulateFetch } from './simulate.ts';
import type { ServerAnswer } from './types.ts';

const o = {
  page: 'http://localhost:3000',
  api: 'http://127.0.0.1:8000',
  other: 'http://127.0.0.1:8001',
  otherPort: 8001,
};
const NOT_FOUND = { status: 404, headers: { 'content-type': 'text/plain' } };

function server(url: string): ServerAnswer | undefined {
  const path = new URL(url).pathname;
  const api = SCENARIOS.find((s) => url.startsWith(o.api) && path === `/s/${s.id}`);
  if (api !== undefined)
    return { preflight: materialise(api.preflight ?? NOT_FOUND, o), response: materialise(api.response, o) };
  const target = SCENARIOS.find((s) => url.startsWith(o.other) && path === `/t/${s.id}`)?.target;
  return url.startsWith(o.other)
    ? { preflight: materialise(target ?? NOT_FOUND, o), response: materialise(target ?? NOT_FOUND, o) }
    : undefined;
}

const run = (id: string, browser: 'chrome' | 'standard') => {
  const s = SCENARIOS.find((x) => x.id === id);
  if (s === undefined) throw new Error(id);
  const request = {
    origin: o.page,
    url: `${o.api}/s/${s.id}`,
    method: s.request.method,
    headers: s.request.headers ?? {},
    credentials: s.request.credentials ?? 'same-origin',
    mode: s.request.mode ?? 'cors',
  } as const;
  return simulateFetch(request, server, { browser });
};

// Where Chromium 156 and the Fetch Standard part ways (docs/engine.md "Chrome vs the standard").
const DIFFERENT: Record<string, string> = {
  'authorization-wildcard': 'HeaderDisallowedByPreflightResponse',
  'user-agent-header': 'PreflightMissingAllowOriginHeader',
  'client-hint-dpr': 'PreflightMissingAllowOriginHeader',
  'client-hint-save-data': 'PreflightMissingAllowOriginHeader',
  'client-hint-intervention': 'PreflightMissingAllowOriginHeader',
};

describe('browser profiles over the scenario table', () => {
  it.each(SCENARIOS.map((s) => [s.id, s.expect.corsError] as const))(
    'chrome: %s → %s (measured)',
    (id, expected) => {
      expect(run(id, 'chrome').corsError).toBe(expected);
    },
  );

  it.each(SCENARIOS.map((s) => s.id))('standard: %s', (id) => {
    const chrome = run(id, 'chrome');
    const standard = run(id, 'standard');
    const differs = DIFFERENT[id];
    if (differs === undefined) expect(standard.corsError).toBe(chrome.corsError);
    else {
      expect(chrome.blocked).toBe(false);
      expect(standard.corsError).toBe(differs);
    }
  });
});
