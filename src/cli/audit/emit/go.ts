// Go's own runner (go test) with net/http against the started server, one table-driven file for every route ×
// origin (Go idiom, and files in one package cannot repeat top-level names). The handler is not reachable from
// outside the user's package, so the test talks HTTP; CORS_LENS_BASE_URL names the server in the test job. Standard
// library only: no module to fetch.
import { comment, go } from './quote.ts';
import type { TestSpec } from './spec.ts';

const strs = (xs: string[]): string => `[]string{${xs.map(go).join(', ')}}`;

function caseOf(s: TestSpec): string {
  return `	{
		name: ${go(`${s.method} ${s.path} from ${s.origin}`)},
		origin: ${go(s.origin)}, hostile: ${go(s.hostile)}, path: ${go(s.path)}, method: ${go(s.method)},
		headers: [][2]string{${s.headers.map(([n, v]) => `{${go(n)}, ${go(v)}}`).join(', ')}},
		requestHeaders: ${go(s.requestHeaders ?? '')},
		credentials: ${String(s.credentials)}, preflight: ${String(s.preflight)}, methodListed: ${String(s.methodListed)},
		expose: ${strs(s.expose)},
	},`;
}

export function goTestFile(specs: TestSpec[], base: string): string {
  return `// CORS regression tests emitted by cors-lens: ${comment(specs.map((s) => `${s.method} ${s.path}`).join(', '))}
// Each asserts what a browser needs for its exact request, and that another site is refused.
// Run: go test, with your API started; CORS_LENS_BASE_URL says where (default: the server that was audited).
package cors_test

import (
	"net/http"
	"os"
	"strings"
	"testing"
)

type corsCase struct {
	name, origin, hostile, path, method, requestHeaders string
	headers                                             [][2]string
	credentials, preflight, methodListed                bool
	expose                                              []string
}

var corsCases = []corsCase{
${specs.map(caseOf).join('\n')}
}

func corsBase() string {
	if b := os.Getenv("CORS_LENS_BASE_URL"); b != "" {
		return strings.TrimRight(b, "/")
	}
	return ${go(base.replace(/\/+$/, ''))}
}

func corsSend(t *testing.T, c corsCase, method string, headers [][2]string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, corsBase()+c.path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range headers {
		req.Header.Set(h[0], h[1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	return resp
}

func corsPreflight(t *testing.T, c corsCase, origin string) *http.Response {
	h := [][2]string{{"Origin", origin}, {"Access-Control-Request-Method", c.method}}
	if c.requestHeaders != "" {
		h = append(h, [2]string{"Access-Control-Request-Headers", c.requestHeaders})
	}
	return corsSend(t, c, http.MethodOptions, h)
}

func corsNames(v string) map[string]bool {
	out := map[string]bool{}
	for _, p := range strings.Split(v, ",") {
		if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
			out[p] = true
		}
	}
	return out
}

func corsAllows(c corsCase, r *http.Response, origin string) bool {
	acao := r.Header.Get("Access-Control-Allow-Origin")
	if c.credentials {
		return acao == origin && r.Header.Get("Access-Control-Allow-Credentials") == "true"
	}
	return acao == origin || acao == "*"
}

func TestCorsRegression(t *testing.T) {
	for _, c := range corsCases {
		c := c
		t.Run(c.name, func(t *testing.T) {
			wildcard := !c.credentials
			if c.preflight {
				r := corsPreflight(t, c, c.origin)
				if r.StatusCode < 200 || r.StatusCode > 299 || !corsAllows(c, r, c.origin) {
					t.Fatalf("preflight for the frontend: %d %v", r.StatusCode, r.Header)
				}
				methods := corsNames(r.Header.Get("Access-Control-Allow-Methods"))
				if c.methodListed && !methods[strings.ToLower(c.method)] && !(wildcard && methods["*"]) {
					t.Errorf("%s not in Access-Control-Allow-Methods: %v", c.method, r.Header)
				}
				allowed := corsNames(r.Header.Get("Access-Control-Allow-Headers"))
				for name := range corsNames(c.requestHeaders) {
					if !allowed[name] && !(wildcard && allowed["*"] && name != "authorization") {
						t.Errorf("%s not in Access-Control-Allow-Headers: %v", name, r.Header)
					}
				}
			}
			r := corsSend(t, c, c.method, append(append([][2]string{}, c.headers...), [2]string{"Origin", c.origin}))
			if !corsAllows(c, r, c.origin) {
				t.Errorf("response not readable by the frontend: %d %v", r.StatusCode, r.Header)
			}
			exposed := corsNames(r.Header.Get("Access-Control-Expose-Headers"))
			for _, name := range c.expose {
				if !exposed[strings.ToLower(name)] && !(wildcard && exposed["*"]) {
					t.Errorf("%s not exposed: %v", name, r.Header)
				}
			}
			var h *http.Response
			if c.preflight {
				h = corsPreflight(t, c, c.hostile)
			} else {
				h = corsSend(t, c, c.method, append(append([][2]string{}, c.headers...), [2]string{"Origin", c.hostile}))
			}
			if acao := h.Header.Get("Access-Control-Allow-Origin"); acao == c.hostile || (c.credentials && acao == "*") {
				t.Errorf("another site is allowed: %v", h.Header)
			}
		})
	}
}
`;
}
