import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/engine/index.ts';
import type { Observed } from '../../src/engine/types.ts';
import type { FixState } from '../state/fix-state.ts';
import { testFor } from './CopyTest.tsx';

const PAGE = 'http://localhost:3000';
const state = (backend: FixState['backend']): FixState =>
  ({
    apiOrigin: 'http://127.0.0.1:8000',
    detections: [],
    backend,
    fix: null,
    facts: null,
  }) as unknown as FixState;

// A JSON POST with an API key whose preflight got 405: the request itself was never sent.
const neverSent: Observed = {
  pageOrigin: PAGE,
  method: 'POST',
  url: 'http://127.0.0.1:8000/v1/chat?api_key=sk-live-abcdef0123456789',
  credentials: 'omit',
  preflight: {
    url: 'http://127.0.0.1:8000/v1/chat?api_key=sk-live-abcdef0123456789',
    method: 'OPTIONS',
    requestHeaders: {
      origin: PAGE,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-api-key',
    },
    status: 405,
    responseHeaders: {},
  },
  hops: [],
  netError: 'net::ERR_FAILED',
};

describe('Copy test', () => {
  it('writes the pytest for this origin, method and headers, with the URL redacted and no header value', () => {
    const t = testFor(neverSent, diagnose(neverSent), state('fastapi'), false);
    if (!('code' in t)) throw new Error(t.error);
    expect(t.idiom).toBe('pytest-starlette');
    expect(t.code).toContain(`ORIGIN = "${PAGE}"`);
    expect(t.code).toContain('METHOD = "POST"');
    expect(t.code).toContain('REQUEST_HEADERS = "content-type,x-api-key"');
    expect(t.code).toContain('HEADERS = {"content-type": "cors-lens-audit", "x-api-key": "cors-lens-audit"}');
    expect(t.code).not.toContain('sk-live');
  });

  it('the page headers as sent, without the browser-set ones; a routes file for nginx', () => {
    const sent: Observed = {
      ...neverSent,
      url: 'http://127.0.0.1:8000/v1/chat',
      requestHeaders: {
        'content-type': 'application/json',
        'x-api-key': 'k',
        accept: '*/*',
        'user-agent': 'UA',
      },
    };
    const t = testFor(sent, diagnose(sent), state('nginx'), false);
    if (!('code' in t)) throw new Error(t.error);
    expect(t.name).toBe('cors-regression.routes');
    expect(t.code.trim().split('\n').at(-1)).toBe(
      'POST /v1/chat content-type=application/json header=x-api-key',
    );
  });
});
