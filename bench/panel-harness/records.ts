// Synthetic but realistic records for the panel benchmark: a mix of the common failures (no CORS at all, wrong
// origin, a 500 without CORS headers, a preflight without an OPTIONS route, a header not allowed), each on its own
// URL so the list really has one row per record (the worst case for the list).
import type { HeaderMap, ObservedHop } from '../../src/engine/types.ts';
import type { ExchangeRecord } from '../../src/shared/model.ts';

const PAGE = 'http://localhost:3000';
const API = 'http://127.0.0.1:8000';
const json = { 'content-type': 'application/json', server: 'uvicorn' };

interface Template {
  method: string;
  requestHeaders: HeaderMap;
  preflight?: { status: number; headers: HeaderMap };
  status: number;
  responseHeaders: HeaderMap;
}

const TEMPLATES: Template[] = [
  { method: 'GET', requestHeaders: {}, status: 200, responseHeaders: json },
  {
    method: 'GET',
    requestHeaders: {},
    status: 200,
    responseHeaders: { ...json, 'access-control-allow-origin': 'http://evil.example' },
  },
  {
    method: 'POST',
    requestHeaders: { 'content-type': 'application/json' },
    preflight: {
      status: 204,
      headers: { 'access-control-allow-origin': PAGE, 'access-control-allow-headers': 'content-type' },
    },
    status: 500,
    responseHeaders: json,
  },
  {
    method: 'POST',
    requestHeaders: { 'content-type': 'application/json' },
    preflight: { status: 405, headers: { allow: 'POST' } },
    status: 0,
    responseHeaders: {},
  },
  {
    method: 'GET',
    requestHeaders: { authorization: 'Bearer sk-live-SECRET0123456789abcdef' },
    preflight: {
      status: 204,
      headers: { 'access-control-allow-origin': PAGE, 'access-control-allow-headers': 'content-type' },
    },
    status: 0,
    responseHeaders: {},
  },
];

export function benchRecords(n: number): ExchangeRecord[] {
  const records: ExchangeRecord[] = [];
  for (let i = 0; i < n; i++) {
    const t = TEMPLATES[i % TEMPLATES.length] as Template;
    const url = `${API}/api/v1/items/${i}?page=${i % 7}`;
    const hops: ObservedHop[] =
      t.status === 0
        ? []
        : [
            {
              url,
              method: t.method,
              requestHeaders: { origin: PAGE, ...t.requestHeaders },
              status: t.status,
              responseHeaders: t.responseHeaders,
            },
          ];
    records.push({
      id: `w:${i}`,
      tabId: 1,
      frameId: 0,
      startedAt: Date.UTC(2026, 10, 29, 12) + i,
      done: true,
      observed: {
        pageOrigin: PAGE,
        method: t.method,
        url,
        requestHeaders: t.requestHeaders,
        ...(t.preflight
          ? {
              preflight: {
                url,
                method: 'OPTIONS',
                requestHeaders: { origin: PAGE, 'access-control-request-method': t.method },
                status: t.preflight.status,
                responseHeaders: t.preflight.headers,
              },
            }
          : {}),
        hops,
        netError: 'net::ERR_FAILED',
        kind: 'fetch',
      },
      callSite: null,
      pageError: null,
    });
  }
  return records;
}
