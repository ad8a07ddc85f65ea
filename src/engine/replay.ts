// Replays an observed exchange through simulateFetch: with the observed credentials mode, or, when it was not
// observed (webRequest and DevTools' log cannot see it), with the mode a signal decides, and says which signal did.
// Also finds the hop that decided and recognises unexplained failures.
import type { CredentialsBasis } from './credentials-basis.ts';
import { parseCorsError } from './cors-error-names.ts';
import { credentialsEvidence, requestFromObserved, serverFromObserved } from './observed-model.ts';
import { simulateFetch } from './simulate.ts';
import type {
  CauseCode,
  CorsError,
  CredentialsMode,
  Observed,
  ObservedHop,
  SimOptions,
  SimResult,
} from './types.ts';
import { parseUrl } from './url.ts';

export interface Replay {
  sim: SimResult;
  credentials: CredentialsMode;
  /** null: observed. Else what decided the mode (credentials-basis.ts). */
  basis: CredentialsBasis | null;
}

/** Replays with the known credentials mode, or infers it: a Cookie or Sec-Fetch-Storage-Access means include; else the only mode that explains the
 * outcome; when both or neither do, nothing decided and it replays without credentials. */
export function replay(o: Observed, options: SimOptions): Replay {
  const run = (credentials: CredentialsMode): SimResult => {
    const request = requestFromObserved(o, credentials);
    return simulateFetch(request, serverFromObserved(o, request, options), options);
  };
  if (o.credentials !== undefined && o.credentials !== 'unknown')
    return { sim: run(o.credentials), credentials: o.credentials, basis: null };
  const evidence = credentialsEvidence(o);
  if (evidence !== null) return { sim: run('include'), credentials: 'include', basis: evidence };
  const without = run('same-origin');
  const withCreds = run('include');
  const chrome =
    o.chromeVerdict === undefined ? undefined : parseCorsError(o.chromeVerdict.corsError)?.corsError;
  const blocked = o.netError !== null;
  // net::ERR_FAILED with evidence of a response is a CORS block: only a mode that ends in a CorsError explains it.
  const explains = (s: SimResult): boolean =>
    chrome !== undefined ? s.corsError === chrome : blocked ? s.corsError !== null : !s.blocked;
  const [a, b] = [explains(without), explains(withCreds)];
  if (!a && b) return { sim: withCreds, credentials: 'include', basis: 'verdict' };
  return { sim: without, credentials: 'same-origin', basis: a && !b ? 'verdict' : 'undecided' };
}

/** The observed hop whose response decided: the preflight, or the last response from the failing URL. */
export const failingHop = (o: Observed, sim: SimResult): ObservedHop | undefined =>
  sim.stage === 'preflight'
    ? o.preflight
    : ([...o.hops].reverse().find((h) => h.url === sim.url) ?? o.hops[o.hops.length - 1]);

/**
 * A failure the CORS replay does not explain and Chrome gave no CORS verdict for: not CORS. With nothing seen from
 * an https page to a plain-http URL, it is mixed content (loopback counts as secure, so it is exempt).
 */
export function unexplainedFailure(
  o: Observed,
  sim: SimResult,
  chromeError: CorsError | null,
): CauseCode | null {
  if (o.netError === null || sim.corsError !== null || chromeError !== null) return null;
  const target = parseUrl(o.url);
  const isLoopback = target !== null && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(target.host);
  if (o.pageSecure === true && o.hops.length === 0 && target?.scheme === 'http' && !isLoopback)
    return 'mixed-content';
  // Chrome's generic error with nothing seen: a CORS failure whose response the capture missed is as likely as
  // anything else, so it is not called "not CORS" (DevTools' log has no response for a worker's request).
  if (o.netError === 'net::ERR_FAILED' && o.hops.length === 0 && o.preflight === undefined)
    return 'response-unseen';
  return 'network-error';
}
