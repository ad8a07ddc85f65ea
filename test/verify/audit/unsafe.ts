// Deliberately unsafe configurations of real backends, each written the way it is found in the wild: the audit must
// flag each with its own check, and the frontend itself must still work (no `cors` finding), so the finding is
// about safety, not reachability.
import { django } from '../backends/django.ts';
import { fastapi } from '../backends/fastapi.ts';
import { goRsCors } from '../backends/go.ts';
import { express } from '../backends/node.ts';
import { nginx } from '../backends/proxies.ts';
import type { Target } from '../target.ts';
import type { ShapeId } from '../shapes.ts';

export interface UnsafeCase {
  id: string;
  target: Target;
  origins: string[];
  shape: ShapeId;
  regions: string[];
  expect: string;
}

const APP = 'https://app.example.com';
const ADMIN = 'https://admin.example.com';
const STARLETTE = 'from fastapi.middleware.cors import CORSMiddleware\n';
const GO_REFLECT = `inner := handler
handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
	w.Header().Set("Access-Control-Allow-Credentials", "true")
	w.Header().Set("Access-Control-Expose-Headers", "X-Request-Id")
	inner.ServeHTTP(w, r)
})`;

export const UNSAFE_CASES: UnsafeCase[] = [
  {
    id: 'express-origin-true',
    target: express,
    origins: [APP],
    shape: 'get-cred',
    regions: [
      "import cors from 'cors';\napp.use(cors({ origin: true, credentials: true, exposedHeaders: ['x-request-id'] }));",
    ],
    expect: 'reflect-any-origin',
  },
  {
    id: 'starlette-regex-unanchored',
    target: fastapi,
    origins: [APP],
    shape: 'get-cred',
    regions: [
      `${STARLETTE}app.add_middleware(CORSMiddleware, allow_origin_regex=r"https://.*app\\.example\\.com", allow_credentials=True, expose_headers=["x-request-id"])`,
      '',
    ],
    expect: 'origin-suffix-match',
  },
  {
    id: 'django-regex-dot',
    target: django,
    origins: [APP],
    shape: 'get-cred',
    regions: [
      'INSTALLED_APPS = [*INSTALLED_APPS, "corsheaders"]\nMIDDLEWARE = ["corsheaders.middleware.CorsMiddleware", *MIDDLEWARE]\nCORS_ALLOWED_ORIGIN_REGEXES = [r"^https://app.example.com$"]\nCORS_ALLOW_CREDENTIALS = True\nCORS_EXPOSE_HEADERS = ["x-request-id"]',
    ],
    expect: 'origin-unescaped-dot',
  },
  {
    id: 'nginx-http-origin',
    target: nginx,
    origins: [APP],
    shape: 'get-cred',
    regions: [
      '',
      'add_header Access-Control-Allow-Origin $http_origin always;\nadd_header Access-Control-Allow-Credentials true always;\nadd_header Access-Control-Expose-Headers x-request-id always;\nadd_header Vary Origin always;',
    ],
    expect: 'reflect-any-origin',
  },
  {
    id: 'go-reflect-credentials',
    target: goRsCors,
    origins: [APP],
    shape: 'get-cred',
    regions: ['', `${GO_REFLECT}\n_ = 0`],
    expect: 'reflect-any-origin',
  },
  {
    id: 'nginx-map-no-vary',
    target: nginx,
    origins: [APP, ADMIN],
    shape: 'get-cred',
    regions: [
      `map $http_origin $cors_origin {\n    default "";\n    "${APP}" $http_origin;\n    "${ADMIN}" $http_origin;\n}`,
      'add_header Access-Control-Allow-Origin $cors_origin always;\nadd_header Access-Control-Allow-Credentials true always;\nadd_header Access-Control-Expose-Headers x-request-id always;',
    ],
    expect: 'acao-without-vary',
  },
];
