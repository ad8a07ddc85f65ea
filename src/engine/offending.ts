// The offending header of a CORS failure as {name, sent, required, answered}: what the browser sent, what it
// needed the server to answer, and what the server answered. Request header values are never copied (secrets).
import { getHeader } from './headers.ts';
import type { CorsError, HeaderMap, OffendingHeader } from './types.ts';

export interface OffendingContext {
  corsError: CorsError;
  failedParameter: string;
  /** The Origin the failing request carried. */
  origin: string;
  method: string;
  /** The preflight's Access-Control-Request-Headers, or null. */
  acrh: string | null;
  /** Headers of the response that failed the check. */
  headers: HeaderMap;
  status: number | null;
}

export function offendingHeaders(c: OffendingContext): OffendingHeader[] {
  const answered = (name: string): string | null => getHeader(c.headers, name);
  const row = (name: string, sent: string | null, required: string | null): OffendingHeader[] => [
    { name, sent, required, answered: answered(name) },
  ];
  switch (
    c.corsError.replace(
      /^Preflight(?=(Wildcard|Missing|Multiple|InvalidAllowOrigin|AllowOrigin|InvalidAllowCredentials))/,
      '',
    )
  ) {
    case 'MissingAllowOriginHeader':
    case 'MultipleAllowOriginValues':
    case 'InvalidAllowOriginValue':
    case 'AllowOriginMismatch':
      return row('Access-Control-Allow-Origin', c.origin, c.origin);
    case 'WildcardOriginNotAllowed':
      return row('Access-Control-Allow-Origin', c.origin, `${c.origin} (not *, the request has credentials)`);
    case 'InvalidAllowCredentials':
      return row('Access-Control-Allow-Credentials', null, 'true');
    case 'InvalidAllowMethodsPreflightResponse':
      return row('Access-Control-Allow-Methods', c.method, 'a comma-separated list of method names');
    case 'MethodDisallowedByPreflightResponse':
      return row('Access-Control-Allow-Methods', c.method, c.failedParameter);
    case 'InvalidAllowHeadersPreflightResponse':
      return row('Access-Control-Allow-Headers', c.acrh, 'a comma-separated list of header names');
    case 'HeaderDisallowedByPreflightResponse':
      return row('Access-Control-Allow-Headers', c.acrh, c.failedParameter);
    case 'PreflightInvalidStatus':
      return [
        {
          name: ':status',
          sent: 'OPTIONS',
          required: '200-299',
          answered: c.status === null ? null : String(c.status),
        },
      ];
    case 'PreflightDisallowedRedirect':
      return row('Location', null, 'no redirect: answer the preflight itself with 2xx');
    case 'RedirectContainsCredentials':
      return row('Location', null, 'a URL without username and password');
    default:
      return [];
  }
}
