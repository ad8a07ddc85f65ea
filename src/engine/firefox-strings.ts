// Firefox's CORS console messages, as en-US security.properties words them (dom/locales/en-US/chrome/security/
// security.properties in mozilla-central; docs/explain.md), with the older wordings still found in bug reports.
// %1$S is the URL, %2$S the status, the token or the header. Data, so the parser and its tests share one table.
import type { CauseCode } from './types.ts';

const HEAD = 'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ';

export interface FirefoxReason {
  key: string;
  /** The whole message, en-US, exactly as Firefox prints it. */
  text: string;
  /** What %2$S holds, when there is one. */
  second?: 'status' | 'token' | 'header' | 'acao';
  causes: CauseCode[];
  preflight?: boolean;
  credentials?: boolean;
}

// Firefox joins several Allow-Origin values with ", " and reports the joined value as not matching (measured on the
// multiple-acao scenarios; firefox-console.ts prints this line for them), so this line leaves them open too.
const ORIGIN_CAUSES: CauseCode[] = [
  'AllowOriginMismatch',
  'InvalidAllowOriginValue',
  'MultipleAllowOriginValues',
  'PreflightAllowOriginMismatch',
  'PreflightInvalidAllowOriginValue',
  'PreflightMultipleAllowOriginValues',
];
const NOT_CORS: CauseCode[] = [
  'connection-refused',
  'dns-failure',
  'tls-error',
  'timeout',
  'blocked-by-client',
  'mixed-content',
  'network-error',
];

export const FIREFOX_REASONS: FirefoxReason[] = [
  { key: 'CORSDisabled', text: `${HEAD}%1$S. (Reason: CORS disabled).`, causes: [] },
  {
    key: 'CORSDidNotSucceed2',
    text: `${HEAD}%1$S. (Reason: CORS request did not succeed). Status code: %2$S.`,
    second: 'status',
    causes: NOT_CORS,
  },
  {
    key: 'CORSOriginHeaderNotAdded',
    text: `${HEAD}%1$S. (Reason: CORS header ‘Origin’ cannot be added).`,
    causes: [],
  },
  {
    key: 'CORSExternalRedirectNotAllowed',
    text: `${HEAD}%1$S. (Reason: CORS request external redirect not allowed).`,
    causes: ['PreflightDisallowedRedirect', 'RedirectContainsCredentials'],
  },
  {
    key: 'CORSRequestNotHttp',
    text: `${HEAD}%1$S. (Reason: CORS request not http).`,
    causes: ['CorsDisabledScheme'],
  },
  {
    key: 'CORSMissingAllowOrigin2',
    text: `${HEAD}%1$S. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: %2$S.`,
    second: 'status',
    causes: ['MissingAllowOriginHeader', 'PreflightMissingAllowOriginHeader'],
  },
  {
    key: 'CORSMultipleAllowOriginNotAllowed',
    text: `${HEAD}%1$S. (Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).`,
    causes: ['MultipleAllowOriginValues', 'PreflightMultipleAllowOriginValues'],
  },
  {
    key: 'CORSAllowOriginNotMatchingOrigin',
    text: `${HEAD}%1$S. (Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘%2$S’).`,
    second: 'acao',
    causes: ORIGIN_CAUSES,
  },
  {
    key: 'CORSNotSupportingCredentials',
    text: `${HEAD}‘%1$S’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`,
    causes: ['WildcardOriginNotAllowed', 'PreflightWildcardOriginNotAllowed'],
    credentials: true,
  },
  {
    key: 'CORSMethodNotFound',
    text: `${HEAD}%1$S. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).`,
    causes: ['MethodDisallowedByPreflightResponse'],
    preflight: true,
  },
  {
    key: 'CORSMissingAllowCredentials',
    text: `${HEAD}%1$S. (Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).`,
    causes: ['InvalidAllowCredentials', 'PreflightInvalidAllowCredentials'],
    credentials: true,
  },
  {
    key: 'CORSPreflightDidNotSucceed3',
    text: `${HEAD}%1$S. (Reason: CORS preflight response did not succeed). Status code: %2$S.`,
    second: 'status',
    causes: ['PreflightInvalidStatus', 'InvalidResponse'],
    preflight: true,
  },
  {
    key: 'CORSInvalidAllowMethod',
    text: `${HEAD}%1$S. (Reason: invalid token ‘%2$S’ in CORS header ‘Access-Control-Allow-Methods’).`,
    second: 'token',
    causes: ['InvalidAllowMethodsPreflightResponse'],
    preflight: true,
  },
  {
    key: 'CORSInvalidAllowHeader',
    text: `${HEAD}%1$S. (Reason: invalid token ‘%2$S’ in CORS header ‘Access-Control-Allow-Headers’).`,
    second: 'token',
    causes: ['InvalidAllowHeadersPreflightResponse'],
    preflight: true,
  },
  {
    key: 'CORSMissingAllowHeaderFromPreflight2',
    text: `${HEAD}%1$S. (Reason: header ‘%2$S’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`,
    second: 'header',
    causes: ['HeaderDisallowedByPreflightResponse'],
    preflight: true,
  },
  // Older wordings (Firefox before 2021, and MDN's pages).
  {
    key: 'CORSPreflightDidNotSucceed',
    text: `${HEAD}%1$S. (Reason: CORS preflight channel did not succeed).`,
    causes: ['PreflightInvalidStatus', 'InvalidResponse'],
    preflight: true,
  },
  {
    key: 'CORSPreflightDidNotSucceed2',
    text: `${HEAD}%1$S. (Reason: CORS preflight response did not succeed).`,
    causes: ['PreflightInvalidStatus', 'InvalidResponse'],
    preflight: true,
  },
  {
    key: 'CORSDidNotSucceed',
    text: `${HEAD}%1$S. (Reason: CORS request did not succeed).`,
    causes: NOT_CORS,
  },
  {
    key: 'CORSMissingAllowOrigin',
    text: `${HEAD}%1$S. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing).`,
    causes: ['MissingAllowOriginHeader', 'PreflightMissingAllowOriginHeader'],
  },
  {
    key: 'CORSMissingAllowHeaderFromPreflight',
    text: `${HEAD}%1$S. (Reason: missing token ‘%2$S’ in CORS header ‘Access-Control-Allow-Headers’ from CORS preflight channel).`,
    second: 'header',
    causes: ['HeaderDisallowedByPreflightResponse'],
    preflight: true,
  },
];

/** The warning Firefox prints when `Access-Control-Allow-Headers: *` was relied on for Authorization. */
export const FIREFOX_AUTHORIZATION_WARNING =
  'Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at %1$S soon. (Reason: When the `Access-Control-Allow-Headers` is `*`, the `Authorization` header is not covered. To include the `Authorization` header, it must be explicitly listed in CORS header `Access-Control-Allow-Headers`).';
