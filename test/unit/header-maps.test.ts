// Header names come from pages and servers: `constructor`, `toString` or `__proto__` must be ordinary headers at
// every stage (capture, engine, CLI probe, report), never an inherited function or a prototype switch
// (docs/output-safety.md#header-maps).
import { describe, expect, it } from 'vitest';
import { normaliseHeaders } from '../../src/background/headers.ts';
import { headerMapOf } from '../../src/cli/http-probe.ts';
import { diagnose } from '../../src/engine/index.ts';
import { getHeader } from '../../src/engine/headers.ts';
import type { Observed } from '../../src/engine/types.ts';
import { buildReport, toJson, toMarkdown } from '../../src/report/index.ts';
import type { ExchangeRecord } from '../../src/shared/model.ts';

const NAMES = ['constructor', 'Constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'];

function observed(request: Observed['requestHeaders'], response: Observed['requestHeaders']): Observed {
  return {
    pageOrigin: 'http://localhost:3000',
    method: 'PUT',
    url: 'http://127.0.0.1:8000/x',
    requestHeaders: request ?? {},
    preflight: {
      url: 'http://127.0.0.1:8000/x',
      method: 'OPTIONS',
      requestHeaders: { 'access-control-request-method': 'PUT' },
      status: 204,
      responseHeaders: response ?? {},
    },
    hops: [],
    netError: 'net::ERR_FAILED',
  };
}

describe.each(NAMES)('a header named %j', (name) => {
  const lower = name.toLowerCase();
  it('is an ordinary header in the capture map and the CLI probe map', () => {
    for (const map of [normaliseHeaders([{ name, value: 'v' }], true), headerMapOf([name, 'v'])]) {
      expect(Object.getOwnPropertyDescriptor(map, lower)?.value).toBe('v');
      expect(getHeader(map, lower)).toBe('v');
    }
  });
  it('sent twice, is two values', () => {
    const map = normaliseHeaders([
      { name, value: 'a' },
      { name, value: 'b' },
    ]);
    expect(getHeader(map, lower)).toBe('a, b');
  });
  it('in the request and the preflight response: diagnosed, exported as JSON and Markdown', () => {
    const o = observed(
      normaliseHeaders([{ name, value: 'v' }], true),
      normaliseHeaders([{ name, value: 'w' }]),
    );
    const d = diagnose(o);
    expect(d.code).toBe('PreflightMissingAllowOriginHeader');
    const record: ExchangeRecord = {
      id: 'r1',
      tabId: 1,
      frameId: 0,
      startedAt: 0,
      done: true,
      observed: o,
      callSite: null,
      pageError: null,
    };
    const meta = {
      generatedAt: '2026-01-01T00:00:00.000Z',
      generator: { name: 'x', version: '1' },
      source: 'cli',
    } as const;
    const report = buildReport([record], { diagnose, meta });
    const json = JSON.parse(toJson(report)) as { failures: { timeline: { responseHeaders: object }[] }[] };
    expect(
      Object.getOwnPropertyDescriptor(json.failures[0]?.timeline[0]?.responseHeaders, lower)?.value,
    ).toBe('w');
    expect(toMarkdown(report)).toContain(lower);
  });
});
