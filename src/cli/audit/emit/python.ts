// pytest with the framework's own test client: Starlette's TestClient (FastAPI, Starlette; needs httpx) and Flask's
// test_client(). The app is imported from the module the framework's docs use (main / app); the comment says where
// to change it. Exceptions stay inside the app (raise_server_exceptions=False), so a route that fails is tested
// for its CORS headers like the browser sees it.
import { comment, py } from './quote.ts';
import type { TestSpec } from './spec.ts';

const CLIENTS = {
  starlette: {
    imports: (mod: string) =>
      `from starlette.testclient import TestClient\n\nfrom ${mod} import app  # where your FastAPI/Starlette app is defined\n\nclient = TestClient(app, raise_server_exceptions=False)\n`,
    send: 'client.request(method, PATH, headers=headers)',
  },
  flask: {
    imports: (mod: string) =>
      `from ${mod} import app  # where your Flask app is defined\n\nclient = app.test_client()\n`,
    send: 'client.open(PATH, method=method, headers=headers)',
  },
} as const;

const bool = (b: boolean): string => (b ? 'True' : 'False');

export function pytestFile(s: TestSpec, flavour: keyof typeof CLIENTS, mod: string): string {
  const c = CLIENTS[flavour];
  const headers = s.headers.map(([n, v]) => `${py(n)}: ${py(v)}`).join(', ');
  return `# CORS regression test emitted by cors-lens: ${comment(`${s.method} ${s.path} from ${s.origin}`)}
# It asserts what a browser needs for this exact request, and that another site is refused.
${c.imports(mod)}
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


def _send(method, headers):
    return ${c.send}


def _names(value):
    return {v.strip().lower() for v in (value or "").split(",") if v.strip()}


def _preflight(origin):
    headers = {"Origin": origin, "Access-Control-Request-Method": METHOD}
    if REQUEST_HEADERS:
        headers["Access-Control-Request-Headers"] = REQUEST_HEADERS
    return _send("OPTIONS", headers)


def _allows(r, origin):
    acao = r.headers.get("access-control-allow-origin")
    if CREDENTIALS:
        return acao == origin and r.headers.get("access-control-allow-credentials") == "true"
    return acao in (origin, "*")


def test_preflight_is_answered_for_the_frontend():
    if not PREFLIGHT:
        return  # a browser sends no preflight for this request
    r = _preflight(ORIGIN)
    assert 200 <= r.status_code < 300, f"preflight answered {r.status_code}"
    assert _allows(r, ORIGIN), dict(r.headers)
    wildcard = not CREDENTIALS
    methods = _names(r.headers.get("access-control-allow-methods"))
    assert not METHOD_LISTED or METHOD.lower() in methods or (wildcard and "*" in methods), methods
    allowed = _names(r.headers.get("access-control-allow-headers"))
    for name in _names(REQUEST_HEADERS):
        assert name in allowed or (wildcard and "*" in allowed and name != "authorization"), (name, allowed)


def test_response_is_readable_by_the_frontend():
    r = _send(METHOD, {**HEADERS, "Origin": ORIGIN})
    assert _allows(r, ORIGIN), f"{r.status_code}: {dict(r.headers)}"
    exposed = _names(r.headers.get("access-control-expose-headers"))
    for name in EXPOSE:
        assert name in exposed or (not CREDENTIALS and "*" in exposed), (name, exposed)


def test_another_site_is_refused():
    r = _preflight(HOSTILE) if PREFLIGHT else _send(METHOD, {**HEADERS, "Origin": HOSTILE})
    acao = r.headers.get("access-control-allow-origin")
    assert acao != HOSTILE and not (CREDENTIALS and acao == "*"), acao
`;
}
