// The demo page's calls to the AI backend: one per classic CORS mistake that demo/backend/main.py sets up.
export interface DemoCall {
  id: string;
  label: string;
  path: string;
  init: { method: string; headers?: Record<string, string>; credentials?: 'include'; body?: string };
}

const json = { 'content-type': 'application/json' };

export const DEMO_CALLS: DemoCall[] = [
  {
    id: 'seed',
    label: 'GET /api/chat with credentials — no CORS middleware at all',
    path: '/api/chat',
    init: { method: 'GET', credentials: 'include' },
  },
  {
    id: 'no-middleware',
    label: 'POST /v1/chat (JSON) — no CORS middleware, so nothing answers the preflight',
    path: '/v1/chat',
    init: { method: 'POST', headers: json, body: '{"prompt":"hi"}' },
  },
  {
    id: 'origin-list',
    label: 'GET /v2/models — the origin list names the Vite port, not this frontend',
    path: '/v2/models',
    init: { method: 'GET' },
  },
  {
    id: 'wildcard-credentials',
    label: 'GET /v3/me with credentials — allow_origins=["*"] with allow_credentials=True',
    path: '/v3/me',
    init: { method: 'GET', credentials: 'include' },
  },
  {
    id: 'error-500',
    label: 'POST /v4/chat (JSON) — a 500 that loses its CORS headers',
    path: '/v4/chat',
    init: { method: 'POST', headers: json, body: '{"prompt":"crash"}' },
  },
];
