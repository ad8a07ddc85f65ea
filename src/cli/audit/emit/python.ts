// pytest with the framework's own test client: Starlette's TestClient (FastAPI, Starlette; needs httpx), Flask's
// test_client(), Django's test Client and aiohttp's TestClient (no pytest plugin needed). Each client's `_send`
// returns (status, headers) so the assertions are one text. Exceptions stay inside the app where the client allows
// it, so a route that fails is tested for its CORS headers like the browser sees it (a 500 without them).
import { comment, py } from './quote.ts';
import type { TestSpec } from './spec.ts';

const CLIENTS = {
  starlette: `from starlette.testclient import TestClient

from main import app  # where your FastAPI/Starlette app is defined

client = TestClient(app, raise_server_exceptions=False)


def _send(method, headers):
    r = client.request(method, PATH, headers=headers)
    return r.status_code, r.headers
`,
  flask: `from app import app  # where your Flask app is defined

client = app.test_client()


def _send(method, headers):
    r = client.open(PATH, method=method, headers=headers)
    return r.status_code, r.headers
`,
  django: `import os

import django
from django.test import Client
from django.test.utils import setup_test_environment

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")  # your project's settings module
django.setup()
try:
    setup_test_environment()  # lets the client's host "testserver" in; pytest-django / manage.py test did it already
except RuntimeError:
    pass

client = Client(raise_request_exception=False)


def _meta(name):
    return "CONTENT_TYPE" if name.lower() == "content-type" else "HTTP_" + name.upper().replace("-", "_")


def _send(method, headers):
    r = client.generic(method, PATH, **{_meta(k): v for k, v in headers.items()})
    return r.status_code, r.headers
`,
  aiohttp: `import asyncio

from aiohttp.test_utils import TestClient, TestServer

from app import app  # where your aiohttp web.Application is defined (or build it with your app factory here)

_loop = asyncio.new_event_loop()


def _send(method, headers):
    async def go():
        async with TestClient(TestServer(app)) as client:
            r = await client.request(method, PATH, headers=headers, allow_redirects=False)
            return r.status, r.headers

    return _loop.run_until_complete(go())
`,
} as const;

export type PyClient = keyof typeof CLIENTS;

const bool = (b: boolean): string => (b ? 'True' : 'False');

export function pytestFile(s: TestSpec, flavour: PyClient): string {
  const headers = s.headers.map(([n, v]) => `${py(n)}: ${py(v)}`).join(', ');
  return `# CORS regression test emitted by cors-lens: ${comment(`${s.method} ${s.path} from ${s.origin}`)}
# It asserts what a browser needs for this exact request, and that another site is refused. Run: pytest
${CLIENTS[flavour]}
ORIGIN = ${py(s.origin)}
HOSTILE = ${py(s.hostile)}
PATH = ${py(s.path)}
METHOD = ${py(s.method)}
HEADERS = {${headers}}
REQUEST_HEADERS = ${s.requestHeaders === null ? 'None' : py(s.requestHeaders)}
CREDENTIALS = ${bool(s.credentials)}
EXPOSE = [${s.expose.map(py).join(', ')}]
PREFLIGHT = ${bool(s.preflight)}
METHOD_LISTED = ${bool(s.methodListed)}


def _names(value):
    return {v.strip().lower() for v in (value or "").split(",") if v.strip()}


def _preflight(origin):
    headers = {"Origin": origin, "Access-Control-Request-Method": METHOD}
    if REQUEST_HEADERS:
        headers["Access-Control-Request-Headers"] = REQUEST_HEADERS
    return _send("OPTIONS", headers)


def _allows(headers, origin):
    acao = headers.get("access-control-allow-origin")
    if CREDENTIALS:
        return acao == origin and headers.get("access-control-allow-credentials") == "true"
    return acao in (origin, "*")


def test_preflight_is_answered_for_the_frontend():
    if not PREFLIGHT:
        return  # a browser sends no preflight for this request
    status, headers = _preflight(ORIGIN)
    assert 200 <= status < 300, f"preflight answered {status}"
    assert _allows(headers, ORIGIN), dict(headers)
    wildcard = not CREDENTIALS
    methods = _names(headers.get("access-control-allow-methods"))
    assert not METHOD_LISTED or METHOD.lower() in methods or (wildcard and "*" in methods), methods
    allowed = _names(headers.get("access-control-allow-headers"))
    for name in _names(REQUEST_HEADERS):
        assert name in allowed or (wildcard and "*" in allowed and name != "authorization"), (name, allowed)


def test_response_is_readable_by_the_frontend():
    status, headers = _send(METHOD, {**HEADERS, "Origin": ORIGIN})
    assert _allows(headers, ORIGIN), f"{status}: {dict(headers)}"
    exposed = _names(headers.get("access-control-expose-headers"))
    for name in EXPOSE:
        assert name in exposed or (not CREDENTIALS and "*" in exposed), (name, exposed)


def test_another_site_is_refused():
    _, headers = _preflight(HOSTILE) if PREFLIGHT else _send(METHOD, {**HEADERS, "Origin": HOSTILE})
    acao = headers.get("access-control-allow-origin")
    assert acao != HOSTILE and not (CREDENTIALS and acao == "*"), acao
`;
}
