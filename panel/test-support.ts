// Test helpers for the panel: an in-memory PanelChannel that records commands and counts listeners, readable
// record and diagnosis builders, and PanelDeps built from hand-written diagnoses (never the engine).
import type { Diagnosis, HeaderMap, Observed, ResourceKind } from '../src/engine/types.ts';
import type { BackendId, Fix } from '../src/fixes/types.ts';
import type { ConnectionState, PanelChannel } from '../src/shared/channel.ts';
import type { ExchangeRecord } from '../src/shared/model.ts';
import type { PanelCommand, PanelEvent } from '../src/shared/protocol.ts';
import { memoryPrefs, type FixProvider, type PanelDeps } from './state/deps.ts';

export function fakeChannel() {
  const listeners = new Set<(e: PanelEvent) => void>();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const sent: PanelCommand[] = [];
  const channel: PanelChannel = {
    send: (c) => sent.push(c),
    subscribe: (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    onState: (cb) => {
      stateListeners.add(cb);
      return () => stateListeners.delete(cb);
    },
    close: () => {
      listeners.clear();
    },
  };
  return {
    channel,
    sent,
    emit: (e: PanelEvent) => {
      for (const l of listeners) l(e);
    },
    setState: (s: ConnectionState) => {
      for (const l of stateListeners) l(s);
    },
    listenerCount: () => listeners.size + stateListeners.size,
  };
}

export const flush = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

export const PAGE = 'http://localhost:3000';
export const API = 'http://localhost:8000';

/** `rec('1', 'GET /items', {status: 500})`: one finished exchange from PAGE to API. */
export function rec(
  id: string,
  what: string,
  opts: {
    status?: number;
    requestHeaders?: HeaderMap;
    responseHeaders?: HeaderMap;
    preflight?: { status: number; headers: HeaderMap };
    kind?: ResourceKind | null;
  } = {},
): ExchangeRecord {
  const [method = 'GET', path = '/'] = what.split(' ');
  const url = path.startsWith('http') ? path : `${API}${path}`;
  const observed: Observed = {
    pageOrigin: PAGE,
    method,
    url,
    requestHeaders: opts.requestHeaders ?? {},
    hops: [
      {
        url,
        method,
        requestHeaders: { origin: PAGE, ...opts.requestHeaders },
        status: opts.status ?? 200,
        responseHeaders: opts.responseHeaders ?? {},
      },
    ],
    netError: 'net::ERR_FAILED',
    ...(opts.kind === null ? {} : { kind: opts.kind ?? 'fetch' }),
    ...(opts.preflight
      ? {
          preflight: {
            url,
            method: 'OPTIONS',
            requestHeaders: { origin: PAGE, 'access-control-request-method': method },
            status: opts.preflight.status,
            responseHeaders: opts.preflight.headers,
          },
        }
      : {}),
  };
  return {
    id,
    tabId: 7,
    frameId: 0,
    startedAt: Date.UTC(2026, 10, 29, 12, 0, Number(id.replace(/\D/g, '')) % 60),
    done: true,
    observed,
    callSite: null,
    pageError: null,
  };
}

export function diag(over: Partial<Diagnosis> = {}): Diagnosis {
  return {
    verdict: 'blocked',
    code: 'MissingAllowOriginHeader',
    corsError: 'MissingAllowOriginHeader',
    failedParameter: null,
    stage: 'actual',
    headline: `The API at ${API} does not allow requests from ${PAGE}`,
    triage: null,
    realStatus: 200,
    credentials: 'omit',
    offending: [{ name: 'access-control-allow-origin', sent: null, required: PAGE, answered: null }],
    consoleMessage: `Access to fetch at '${API}/items' from origin '${PAGE}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
    references: [{ title: 'Fetch Standard: CORS check', url: 'https://fetch.spec.whatwg.org/#cors-check' }],
    hints: [],
    ...over,
  };
}

export const ALLOWED = diag({
  verdict: 'allowed',
  code: 'allowed',
  corsError: null,
  stage: null,
  headline: 'Allowed',
  offending: [],
  consoleMessage: null,
});

export function fakeFix(backend: BackendId, origin = PAGE): Fix {
  return {
    backend,
    title: `${backend} CORS`,
    snippets: [
      {
        language: 'python',
        where: 'main.py, right after `app = FastAPI()`',
        code: `app.add_middleware(CORSMiddleware, allow_origins=["${origin}"])  # exact origin`,
      },
    ],
    pitfall: null,
    notes: ['Restart the server.'],
    security: [],
    expected: { response: { 'access-control-allow-origin': origin } },
  };
}

/** Fix generators that detect FastAPI and answer with fakeFix, unless overridden. */
export function fakeFixes(over: Partial<FixProvider> = {}): FixProvider {
  return {
    detectBackend: () => [{ backend: 'fastapi', confidence: 'high', evidence: ['server: uvicorn'] }],
    fixFor: (backend) => fakeFix(backend),
    backends: [
      { id: 'fastapi', label: 'FastAPI' },
      { id: 'express', label: 'Express' },
      { id: 'headers', label: 'Any server (headers)' },
    ],
    ...over,
  };
}

/** Deps whose diagnosis is looked up by URL path (default: missing ACAO), so tests state causes explicitly. */
export function fakeDeps(byPath: Record<string, Diagnosis> = {}, over: Partial<PanelDeps> = {}): PanelDeps {
  return {
    diagnose: (o) => byPath[new URL(o.url).pathname] ?? diag(),
    fixes: fakeFixes(),
    now: () => Date.UTC(2026, 10, 29, 12, 30),
    version: '0.1.0-test',
    browser: 'Chromium 156',
    pageUrl: () => `${PAGE}/app?session=abc`,
    prefs: memoryPrefs(),
    ...over,
  };
}

export const snapshot = (records: ExchangeRecord[], seq = 1, preserveLog = false): PanelEvent => ({
  type: 'snapshot',
  tabId: 7,
  seq,
  records,
  preserveLog,
});
