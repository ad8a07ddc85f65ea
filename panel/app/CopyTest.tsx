// "Copy test": the regression test `cors-lens check --emit-test` writes for this request, in the idiom of the backend
// the fix panel has selected (pytest with the framework's client, node --test, go test, minitest + rack-test), or
// the language-neutral routes file `cors-lens audit` replays for backends without a test runner of their own
// (the button says so). Header values become placeholders and the URL is redacted unless the user asked for
// sensitive values, as in the cURL copy.
import { accessControlRequestHeaders, getHeader } from '../../src/engine/index.ts';
import { authorHeaders } from '../../src/engine/safelist.ts';
import type { Diagnosis, Observed } from '../../src/engine/types.ts';
import { PLACEHOLDER, regressionTest, requestRoute, type Idiom } from '../../src/cli/audit/emit/render.ts';
import { Unquotable } from '../../src/fixes/quote/refuse.ts';
import { redactUrl } from '../../src/report/index.ts';
import type { FixState } from '../state/fix-state.ts';

const RUNNER: Record<Idiom, string> = {
  'pytest-starlette': 'pytest',
  'pytest-flask': 'pytest',
  'pytest-django': 'pytest',
  'pytest-aiohttp': 'pytest',
  'node-test': 'node --test',
  'go-test': 'go test',
  'minitest-rack': 'ruby (minitest + rack-test)',
  'audit-script': 'npx cors-lens audit --routes',
};

/** The page's own headers: the ones that make a preflight, and the Content-Type (its essence decides). */
function pageHeaders(o: Observed): [string, string][] {
  const sent = o.requestHeaders ? authorHeaders(o.requestHeaders, 'chrome') : [];
  const unsafe = new Set((accessControlRequestHeaders(o.requestHeaders ?? {}) ?? '').split(','));
  if (!o.requestHeaders && o.preflight) {
    // Never sent (the preflight failed): its Access-Control-Request-Headers names them, values unknown (a
    // non-safelisted placeholder keeps a named Content-Type preflighted, as it was).
    const asked = getHeader(o.preflight.requestHeaders, 'access-control-request-headers') ?? '';
    return asked
      .split(',')
      .map((n) => n.trim().toLowerCase())
      .filter(Boolean)
      .map((n) => [n, PLACEHOLDER]);
  }
  return sent.filter(([n]) => unsafe.has(n) || n === 'content-type');
}

export function testFor(
  o: Observed,
  d: Diagnosis,
  state: FixState,
  includeSensitive: boolean,
): { name: string; code: string; idiom: Idiom } | { error: string } {
  const credentials = state.facts?.credentials.allow ?? d.credentials === 'include';
  const expose = state.facts?.reads.names ?? [];
  try {
    const url = includeSensitive ? o.url : redactUrl(o.url);
    const route = requestRoute(o.method, url, pageHeaders(o), credentials, expose, 'CORS Lens panel');
    return regressionTest(route, o.pageOrigin, state.backend, new URL(o.url).origin);
  } catch (e) {
    if (e instanceof Unquotable || e instanceof TypeError) return { error: e.message };
    throw e;
  }
}

export function CopyTestButton(props: {
  observed: Observed;
  diagnosis: Diagnosis;
  state: FixState;
  includeSensitive: boolean;
  copy: (text: string, what: string) => void;
}) {
  const t = testFor(props.observed, props.diagnosis, props.state, props.includeSensitive);
  const neutral = 'idiom' in t && t.idiom === 'audit-script';
  return (
    <button
      type="button"
      data-testid="copy-test"
      disabled={'error' in t}
      title={'error' in t ? `No test: ${t.error}` : `${t.name}, run with ${RUNNER[t.idiom]}`}
      onClick={() => {
        if ('code' in t) props.copy(t.code, 'Test');
      }}
    >
      {neutral ? 'Copy test (routes file for cors-lens audit)' : 'Copy test'}
    </button>
  );
}
