// The engine's public data types: what a browser sent, what servers answered, and the verdict.
// Everything here is plain JSON-serialisable data so the service worker, the panel, the CLI and the tests share it.
import type { CredentialsBasis } from './credentials-basis.ts';
import type { PreflightCache } from './preflight-cache.ts';

/** A header map. Names are matched case-insensitively; a header the author or server set several times is an array. */
export type HeaderMap = Readonly<Record<string, string | readonly string[]>>;

export type CredentialsMode = 'omit' | 'same-origin' | 'include';
export type RequestMode = 'cors' | 'no-cors' | 'same-origin';

/** The browser whose verdict the engine reproduces. Chrome is the default; 'standard' follows the Fetch standard
 * to the letter; 'firefox' is Firefox as measured. How they differ: browsers.ts. */
export type BrowserProfile = 'chrome' | 'standard' | 'firefox';

/** Chrome's `Network.CorsError` names (CDP), current ones. Renamed and removed ones are in LegacyCorsError. */
export type CorsError =
  | 'DisallowedByMode'
  | 'InvalidResponse'
  | 'WildcardOriginNotAllowed'
  | 'MissingAllowOriginHeader'
  | 'MultipleAllowOriginValues'
  | 'InvalidAllowOriginValue'
  | 'AllowOriginMismatch'
  | 'InvalidAllowCredentials'
  | 'CorsDisabledScheme'
  | 'PreflightInvalidStatus'
  | 'PreflightDisallowedRedirect'
  | 'PreflightWildcardOriginNotAllowed'
  | 'PreflightMissingAllowOriginHeader'
  | 'PreflightMultipleAllowOriginValues'
  | 'PreflightInvalidAllowOriginValue'
  | 'PreflightAllowOriginMismatch'
  | 'PreflightInvalidAllowCredentials'
  | 'PreflightMissingAllowExternal'
  | 'PreflightInvalidAllowExternal'
  | 'InvalidAllowMethodsPreflightResponse'
  | 'InvalidAllowHeadersPreflightResponse'
  | 'MethodDisallowedByPreflightResponse'
  | 'HeaderDisallowedByPreflightResponse'
  | 'RedirectContainsCredentials'
  | 'InsecureLocalNetwork'
  | 'InvalidLocalNetworkAccess'
  | 'NoCorsRedirectModeNotFollow'
  | 'LocalNetworkAccessPermissionDenied';

/** The engine's own cause codes, for failures that are not CORS, or where CORS masks the real problem. */
export type EngineCause =
  | 'server-error-without-cors' // a 4xx/5xx whose error response lost its CORS headers
  | 'preflight-not-handled' // the OPTIONS route answered 404/405 without CORS headers
  | 'redirect-to-login' // a redirect to a sign-in page, usually an expired session
  | 'connection-refused'
  | 'dns-failure'
  | 'tls-error'
  | 'timeout'
  | 'blocked-by-client' // net::ERR_BLOCKED_BY_CLIENT: an ad blocker or privacy extension
  | 'mixed-content'
  | 'csp-blocked'
  | 'blocked-by-response' // net::ERR_BLOCKED_BY_RESPONSE (CORP/COEP)
  | 'network-error' // any other net:: error
  | 'response-unseen' // net::ERR_FAILED with no response and no preflight seen (DevTools' log of a worker's request)
  | 'opaque-response' // mode 'no-cors': not blocked, but the page cannot read the response
  | 'allowed';

export type CauseCode = CorsError | EngineCause;

export type Stage = 'request' | 'preflight' | 'redirect' | 'actual';

/** IP address spaces, from the most private (Chromium's IPAddressSpace). */
export type AddressSpace = 'loopback' | 'local' | 'public';

/** The page's side of Local Network Access: its address space, whether it is a secure context, and the user's answer
 * to Chrome's permission prompt ('denied' also stands for a prompt nobody answered, as in headless Chrome). */
export interface LocalNetworkContext {
  clientSpace: AddressSpace;
  secureContext: boolean;
  permission: 'granted' | 'denied';
}

/** What a browser is asked to do (simulateFetch input). */
export interface SimRequest {
  origin: string;
  url: string;
  method: string;
  headers: HeaderMap;
  credentials: CredentialsMode;
  mode: RequestMode;
  redirect?: 'follow' | 'error' | 'manual';
  /** Local Network Access: checked only when given (the page's address space; docs/engine.md). */
  localNetwork?: LocalNetworkContext;
}

export interface SimResponse {
  status: number;
  headers: HeaderMap;
}

export interface ServerAnswer {
  preflight?: SimResponse;
  response: SimResponse;
  /** The server's address space; default: from an IP-literal host, else public. */
  addressSpace?: AddressSpace;
}

/** How the servers answer: a map keyed by URL, or a function of the URL. */
export type ServerModel =
  Readonly<Record<string, ServerAnswer>> | ((url: string) => ServerAnswer | undefined);

export interface SimOptions {
  browser?: BrowserProfile;
  /** The running Chrome's major version (chrome profile); selects its console templates. Default: the newest known. */
  chromeVersion?: number;
  /** A caller-owned preflight cache shared by successive simulations (src/engine/preflight-cache.ts). */
  preflightCache?: PreflightCache;
}

export interface SimResult {
  blocked: boolean;
  stage: Stage | null;
  preflightSent: boolean;
  /** The method and the header names that made a preflight necessary. */
  preflightReasons: { method: string | null; headers: string[] };
  /** The Access-Control-Request-Headers value the preflight carried, or null. */
  accessControlRequestHeaders: string | null;
  /** The Origin on the final request: 'null' after a tainting redirect. */
  requestOrigin: string;
  corsError: CorsError | null;
  failedParameter: string | null;
  responseType: 'basic' | 'cors' | 'opaque' | null;
  /** Response header names (lowercase) that script can read. */
  readableHeaders: string[];
  causes: Cause[];
  /** The URL of the last request made: the one that failed when blocked, the final one when allowed. */
  url: string;
  /** The status of the response that decided (the preflight's when the preflight failed), or null: no response. */
  status: number | null;
  /** A Local Network Access block: the more private address space the request was refused (the console names it). */
  addressSpace?: AddressSpace;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Reference {
  title: string;
  url: string;
}

/** One finding: the decisive one comes first in `causes`; the rest are hints. */
export interface Cause {
  code: CauseCode | HintCode;
  severity: Severity;
  message: string;
}

export type HintCode =
  | 'acao-trailing-slash'
  | 'acao-has-path'
  | 'localhost-vs-127'
  | 'port-mismatch'
  | 'scheme-mismatch'
  | 'duplicate-acao'
  | 'missing-vary-origin'
  | 'stale-preflight-cache'
  | 'authorization-wildcard'
  | 'no-cors-opaque'
  | 'local-network-access'
  | 'masked-status'
  | 'tainted-origin'
  | 'credentials-inferred'
  | 'header-not-exposed' // the page read a response header the server did not expose
  | 'preflight-cached'; // a preflight was needed but none was seen: Chrome answered from its preflight cache

export interface OffendingHeader {
  name: string;
  /** What the browser sent (request header, or the preflight's Access-Control-Request-*). */
  sent: string | null;
  /** What the browser required the server to answer. */
  required: string | null;
  /** What the server answered (null: absent). */
  answered: string | null;
}

/** One hop of an observed exchange: a request and the response it got (status 0: no response). */
export interface ObservedHop {
  url: string;
  method: string;
  requestHeaders: HeaderMap;
  status: number;
  responseHeaders: HeaderMap;
}

/** What the extension (or the CLI) saw of one cross-origin request. */
export interface Observed {
  /** The page's origin (webRequest `initiator`). */
  pageOrigin: string;
  method: string;
  /** The URL the page asked for (before redirects). */
  url: string;
  /** Unknown when only webRequest saw it: the engine infers it (Cookie sent, or which mode explains the block). */
  credentials?: CredentialsMode | 'unknown';
  mode?: RequestMode;
  /** Headers of the actual request as the page set them (absent when it was never sent). */
  requestHeaders?: HeaderMap;
  preflight?: ObservedHop;
  /** Every response of the actual request in order: redirects, then the final one. Empty: no response. */
  hops: readonly ObservedHop[];
  /** onErrorOccurred's string (net::ERR_FAILED for every CORS failure), or null when it completed. */
  netError: string | null;
  /** Whether the page was a secure context (https or localhost). */
  pageSecure?: boolean;
  /** Chrome's own verdict, when precise mode read it over CDP. */
  chromeVerdict?: { corsError: string; failedParameter: string };
  /** What made the request (docs/destinations.md); Chrome's console line names it ("Access to font at …"). */
  kind?: ResourceKind;
  /** The headers the page later tried to read, when known. */
  readHeaders?: readonly string[];
}

/**
 * The kind of CORS request, as the user and Chrome's console line tell them apart (docs/destinations.md): the API
 * that made it (fetch, XMLHttpRequest, EventSource) or the Fetch destination of a resource load. Module scripts,
 * `crossorigin` scripts and worker scripts are 'script'; preloads carry the kind of their `as`.
 */
export type ResourceKind =
  | 'fetch'
  | 'xhr'
  | 'eventsource'
  | 'font'
  | 'script'
  | 'stylesheet'
  | 'image'
  | 'audio'
  | 'video'
  | 'track'
  | 'other';

export type Verdict = 'allowed' | 'blocked' | 'not-cors';

export interface Diagnosis {
  verdict: Verdict;
  /** The decisive cause: Chrome's CorsError name, or the engine's own code. */
  code: CauseCode;
  corsError: CorsError | null;
  failedParameter: string | null;
  stage: Stage | null;
  /** One line in plain words. */
  headline: string;
  /** The triage that matters more than the CORS error, e.g. "your server answered 500". */
  triage: string | null;
  /** The real HTTP status behind "CORS error", or null when no response arrived. */
  realStatus: number | null;
  credentials: CredentialsMode | 'unknown';
  /** Absent when the mode was observed; else what decided it (credentials-basis.ts). */
  credentialsBasis?: CredentialsBasis;
  offending: OffendingHeader[];
  /** The console line Chrome printed (reconstructed from Chrome's templates), or null. */
  consoleMessage: string | null;
  references: Reference[];
  hints: Cause[];
  /** When precise mode gave Chrome's verdict: whether it agrees with the engine. */
  confirmedByChrome?: boolean;
}

/** One failed check: Chrome's CorsError name and the value it reports as failedParameter. */
export interface CheckFailure {
  corsError: CorsError;
  failedParameter: string;
}

/** parseCorsError's answer: the current name a (possibly renamed or removed) CorsError string stands for. */
export interface ParsedCorsError {
  /** The name as given, without a mojom `k` prefix. */
  name: string;
  /** The current CorsError it maps to; null for a removed value without a current equivalent. */
  corsError: CorsError | null;
  status: 'current' | 'renamed' | 'removed';
  /** Private/Local Network Access values, current or legacy. */
  isLocalNetwork: boolean;
}
