// Chrome's console line for a CORS failure, rebuilt from Blink's templates (cors_error_string.cc GetErrorString,
// per Chrome version: chrome-versions.ts and docs/chromium-behaviour.md#console-lines). Chrome prints it only to
// DevTools; the panel shows it verbatim.
import { chromeFacts } from './chrome-versions.ts';
import { isPreflightError } from './cors-error-names.ts';
import type { CorsError, ResourceKind } from './types.ts';

export interface ConsoleInput {
  /** What made the request: Chrome's line names it ("Access to fetch at", "Access to XMLHttpRequest at", …). */
  kind: ResourceKind;
  /** The last URL (after redirects). */
  url: string;
  /** The URL the page asked for, when a redirect happened. */
  initialUrl?: string;
  /** The Origin the failing request carried ('null' after a tainting redirect). */
  origin: string;
  corsError: CorsError;
  failedParameter: string;
  /** Local Network Access errors: the more private address space (Chrome prints it; failedParameter is empty). */
  addressSpace?: string;
  /** The Chrome major version whose templates to use (default: the newest known). */
  chromeVersion?: number;
}

/** How Chrome's line names what made the request: Blink's Resource::ResourceTypeToString (by the resource type, or
 * for fetch, XHR and EventSource by the initiator), lower-cased unless its second letter is upper case
 * (cors_error_string.cc). Measured on Chromium 150 and 156: docs/destinations.md. */
export const RESOURCE_WORDS: Readonly<Record<ResourceKind, string>> = {
  fetch: 'fetch',
  xhr: 'XMLHttpRequest',
  eventsource: 'resource',
  font: 'font',
  script: 'script',
  stylesheet: 'CSS stylesheet',
  image: 'image',
  audio: 'audio',
  video: 'video',
  track: 'text track',
  other: 'resource',
};

const VALID_VALUE = ' Have the server send the header with a valid value.';
const XHR_CREDENTIALS =
  ' The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.';

// Chromium escapes non-printable characters of the failed parameter as \uXXXX.
function escape(v: string): string {
  let out = '';
  for (const ch of v) {
    const c = ch.charCodeAt(0);
    out += c < 0x20 || (c >= 0x7f && c <= 0x9f) ? `\\u${c.toString(16).toUpperCase().padStart(4, '0')}` : ch;
  }
  return out;
}

function detail(e: CorsError, v: string, kind: ResourceKind, input: ConsoleInput): string | null {
  const space = input.addressSpace ?? v;
  const fetchSuffix = kind === 'fetch' ? VALID_VALUE : '';
  const xhrSuffix = kind === 'xhr' ? XHR_CREDENTIALS : '';
  switch (
    e.replace(
      /^Preflight(?=(Wildcard|MissingAllowOrigin|Multiple|InvalidAllowOrigin|AllowOrigin|InvalidAllowCredentials))/,
      '',
    )
  ) {
    case 'DisallowedByMode':
      return 'Cross origin requests are not allowed by request mode.';
    case 'InvalidResponse':
      return 'The response is invalid.';
    case 'WildcardOriginNotAllowed':
      return `The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.${xhrSuffix}`;
    case 'MissingAllowOriginHeader':
      return "No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    case 'MultipleAllowOriginValues':
      return `The 'Access-Control-Allow-Origin' header contains multiple values '${v}', but only one is allowed.${fetchSuffix}`;
    case 'InvalidAllowOriginValue':
      return `The 'Access-Control-Allow-Origin' header contains the invalid value '${v}'.${fetchSuffix}`;
    case 'AllowOriginMismatch':
      return `The 'Access-Control-Allow-Origin' header has a value '${v}' that is not equal to the supplied origin.${fetchSuffix}`;
    case 'InvalidAllowCredentials':
      return `The value of the 'Access-Control-Allow-Credentials' header in the response is '${v}' which must be 'true' when the request's credentials mode is 'include'.${xhrSuffix}`;
    case 'CorsDisabledScheme':
      return `Cross origin requests are only supported for protocol schemes: ${chromeFacts(input.chromeVersion).corsSchemes}.`;
    case 'PreflightInvalidStatus':
      return 'It does not have HTTP ok status.';
    case 'PreflightDisallowedRedirect':
      return 'Redirect is not allowed for a preflight request.';
    case 'PreflightMissingAllowExternal':
      return "No 'Access-Control-Allow-External' header was present in the preflight response for this external request (This is an experimental header which is defined in 'https://wicg.github.io/cors-rfc1918/').";
    case 'PreflightInvalidAllowExternal':
      return `The 'Access-Control-Allow-External' header in the preflight response for this external request had a value of '${v}',  not 'true' (This is an experimental header which is defined in 'https://wicg.github.io/cors-rfc1918/').`;
    case 'InvalidAllowMethodsPreflightResponse':
      return 'Cannot parse Access-Control-Allow-Methods response header field in preflight response.';
    case 'InvalidAllowHeadersPreflightResponse':
      return 'Cannot parse Access-Control-Allow-Headers response header field in preflight response.';
    case 'MethodDisallowedByPreflightResponse':
      return `Method ${v} is not allowed by Access-Control-Allow-Methods in preflight response.`;
    case 'HeaderDisallowedByPreflightResponse':
      return `Request header field ${v} is not allowed by Access-Control-Allow-Headers in preflight response.`;
    case 'RedirectContainsCredentials':
      return `Redirect location '${v}' contains a username and password, which is disallowed for cross-origin requests.`;
    case 'InsecureLocalNetwork':
      return `The request client is not a secure context and the resource is in more-private address space \`${space}\`.`;
    case 'InvalidLocalNetworkAccess':
      return `Request had a target IP address space of \`${v}\` yet the resource is in address space \`${space}\`.`;
    case 'LocalNetworkAccessPermissionDenied':
      return `Permission was denied for this request to access the \`${space}\` address space.`;
    default:
      return null; // NoCorsRedirectModeNotFollow has no Blink template
  }
}

/** Chrome's console line for this failure, or null when Chrome prints none for this CorsError. */
export function consoleMessage(input: ConsoleInput): string | null {
  const text = detail(input.corsError, escape(input.failedParameter), input.kind, input);
  if (text === null) return null;
  const what = RESOURCE_WORDS[input.kind];
  const redirected =
    input.initialUrl !== undefined && input.initialUrl !== input.url
      ? ` (redirected from '${input.initialUrl}')`
      : '';
  const prefix = isPreflightError(input.corsError)
    ? "Response to preflight request doesn't pass access control check: "
    : '';
  return `Access to ${what} at '${input.url}'${redirected} from origin '${input.origin}' has been blocked by CORS policy: ${prefix}${text}`;
}
