// The engine's Firefox profile, end to end: Firefox's verdict (simulateFetch with the 'firefox' facts of
// browsers.ts) and the console lines Firefox prints for it, built from security.properties (firefox-strings.ts).
// Which lines and in what order was measured in Firefox 153 ESR over the agreement scenarios (docs/firefox.md):
// - a failed actual response: one reason line, at that response's URL;
// - a failed preflight: its reason, then "CORS request did not succeed" (no status) for the request; a redirected
//   preflight adds one more;
// - a redirect response that fails the check: its reason, then "did not succeed", both at its URL;
// - a refused Location: "not http" at the Location for a non-HTTP scheme, then "did not succeed" at the redirect.
import { FIREFOX_REASONS } from './firefox-strings.ts';
import { getHeader, isToken } from './headers.ts';
import { requestFromObserved, serverFromObserved } from './observed-model.ts';
import { isRedirect } from './rules/preflight-redirect.ts';
import { answerFor } from './sim-state.ts';
import { simulateFetch } from './simulate.ts';
import type {
  CorsError,
  CredentialsMode,
  Observed,
  ServerModel,
  SimOptions,
  SimRequest,
  SimResponse,
  SimResult,
} from './types.ts';

export interface FirefoxVerdict {
  sim: SimResult;
  /** Firefox's console lines for this request, in order (none when it is allowed or fails without CORS). */
  lines: string[];
}

const TEXT = new Map(FIREFOX_REASONS.map((r) => [r.key, r.text]));
const line = (key: string, url: string, second = ''): string =>
  (TEXT.get(key) ?? '').replace('%1$S', url).replace('%2$S', second);
const didNotSucceed = (url: string): string => line('CORSDidNotSucceed2', url, '(null)');

type Second = 'status' | 'acao' | 'token-methods' | 'token-headers' | 'header' | 'none';
const REASON: Partial<Record<CorsError, [string, Second]>> = {};
const name = (key: string, second: Second, errors: CorsError[]): void => {
  for (const e of errors) REASON[e] = [key, second];
};
name('CORSMissingAllowOrigin2', 'status', ['MissingAllowOriginHeader', 'PreflightMissingAllowOriginHeader']);
name('CORSAllowOriginNotMatchingOrigin', 'acao', [
  'AllowOriginMismatch',
  'InvalidAllowOriginValue',
  'MultipleAllowOriginValues',
  'PreflightAllowOriginMismatch',
  'PreflightInvalidAllowOriginValue',
  'PreflightMultipleAllowOriginValues',
]);
name('CORSNotSupportingCredentials', 'none', [
  'WildcardOriginNotAllowed',
  'PreflightWildcardOriginNotAllowed',
]);
name('CORSMissingAllowCredentials', 'none', ['InvalidAllowCredentials', 'PreflightInvalidAllowCredentials']);
name('CORSPreflightDidNotSucceed3', 'status', ['PreflightInvalidStatus']);
name('CORSMethodNotFound', 'none', ['MethodDisallowedByPreflightResponse']);
name('CORSMissingAllowHeaderFromPreflight2', 'header', ['HeaderDisallowedByPreflightResponse']);
name('CORSInvalidAllowMethod', 'token-methods', ['InvalidAllowMethodsPreflightResponse']);
name('CORSInvalidAllowHeader', 'token-headers', ['InvalidAllowHeadersPreflightResponse']);

/** The first item Firefox's list parser rejects: it splits on commas and names the item that is not a token. */
const badToken = (value: string | null): string =>
  (value ?? '')
    .split(',')
    .map((t) => t.trim())
    .find((t) => !isToken(t)) ?? '';

function reasonLine(sim: SimResult, decided: SimResponse | undefined): string | null {
  const reason = sim.corsError === null ? undefined : REASON[sim.corsError];
  if (reason === undefined) return null;
  const [key, second] = reason;
  const headers = decided?.headers ?? {};
  const values: Record<Second, string> = {
    status: String(sim.status),
    acao: getHeader(headers, 'access-control-allow-origin') ?? '',
    'token-methods': badToken(getHeader(headers, 'access-control-allow-methods')),
    'token-headers': badToken(getHeader(headers, 'access-control-allow-headers')),
    header: sim.failedParameter ?? '',
    none: '',
  };
  return line(key, sim.url, values[second]);
}

/** What Firefox does with this request, and the console lines it prints. */
export function simulateFirefox(
  request: SimRequest,
  server: ServerModel,
  options: Omit<SimOptions, 'browser'> = {},
): FirefoxVerdict {
  // The URLs the run asked the servers about, in order: the last one is the redirect a refused Location came from.
  const asked: string[] = [];
  const model: ServerModel = (url) => {
    asked.push(url);
    return answerFor(server, url);
  };
  const sim = simulateFetch(request, model, { ...options, browser: 'firefox' });
  if (!sim.blocked || sim.corsError === null) return { sim, lines: [] };
  const answer = answerFor(server, sim.url);
  const last = asked.at(-1) ?? sim.url;
  if (sim.stage === 'preflight') {
    const reason = reasonLine(sim, answer?.preflight);
    const redirected = answer?.preflight !== undefined && isRedirect(answer.preflight);
    const tail = redirected ? [didNotSucceed(sim.url), didNotSucceed(sim.url)] : [didNotSucceed(sim.url)];
    return { sim, lines: [...(reason === null ? [] : [reason]), ...tail] };
  }
  if (sim.corsError === 'CorsDisabledScheme')
    return { sim, lines: [line('CORSRequestNotHttp', sim.url), didNotSucceed(last)] };
  if (sim.stage === 'redirect' && last !== sim.url) return { sim, lines: [didNotSucceed(last)] };
  const reason = reasonLine(sim, answer?.response);
  if (reason === null) return { sim, lines: [didNotSucceed(sim.url)] };
  return { sim, lines: sim.stage === 'redirect' ? [reason, didNotSucceed(sim.url)] : [reason] };
}

/** Firefox's console lines for an observed exchange (a record), replayed in the credentials mode the diagnosis
 * settled on: what the panel shows for a record captured in Firefox. */
export function firefoxLinesOf(
  o: Observed,
  credentials: CredentialsMode,
  options: Omit<SimOptions, 'browser'> = {},
): string[] {
  const request = requestFromObserved(o, credentials);
  return simulateFirefox(request, serverFromObserved(o, request, { ...options, browser: 'firefox' }), options)
    .lines;
}
