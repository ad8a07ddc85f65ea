// The requests the matrix's page makes; the FixRequest comes from the engine's pipeline (fixRequestFrom), not from here.
import type { FetchSpec } from './browser.ts';

export type ShapeId = 'get-cred' | 'post-json' | 'patch' | 'boom';

interface Shape {
  method: string;
  path: string;
  headers: Record<string, string>;
  read: string | null;
  status: number;
}

export const SHAPES: Record<ShapeId, Shape> = {
  // The seed's case: a credentialed call, the page reads a response header.
  'get-cred': { method: 'GET', path: '/api/chat', headers: {}, read: 'x-request-id', status: 200 },
  // A chat call with JSON and a bearer token: preflighted.
  'post-json': {
    method: 'POST',
    path: '/api/chat',
    headers: { 'content-type': 'application/json', authorization: 'Bearer t0k3n', 'x-request-id': 'req-1' },
    read: 'x-request-id',
    status: 200,
  },
  patch: {
    method: 'PATCH',
    path: '/api/chat',
    headers: { 'content-type': 'application/json' },
    read: 'x-request-id',
    status: 200,
  },
  // A route that throws: the 500 must keep its CORS headers so the page sees the real status.
  boom: { method: 'GET', path: '/api/boom', headers: {}, read: null, status: 500 },
};

export function fetchSpec(shape: ShapeId, apiPort: number): FetchSpec {
  const s = SHAPES[shape];
  return {
    url: `http://127.0.0.1:${apiPort}${s.path}`,
    method: s.method,
    headers: s.headers,
    credentials: 'include',
    read: s.read,
  };
}

/** The page's functions (test/verify/page/app.js): each variant's own call, and the base cell's other ways. */
export type CallId =
  'getChat' | 'getChatAnonymous' | 'xhrGetChat' | 'postChat' | 'postChatAnonymous' | 'patchChat' | 'boom';

export const CALL_OF: Record<ShapeId, CallId> = {
  'get-cred': 'getChat',
  'post-json': 'postChat',
  patch: 'patchChat',
  boom: 'boom',
};

/** The same request without credentials, and as XHR, for a backend's base cell. */
export const OTHER_WAYS: Partial<Record<ShapeId, CallId[]>> = {
  'get-cred': ['getChatAnonymous', 'xhrGetChat'],
  'post-json': ['postChatAnonymous'],
};
