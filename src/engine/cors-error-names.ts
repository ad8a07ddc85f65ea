// Chrome's CorsError names: the current set, and the renamed or removed Private Network Access names that older
// Chrome builds, saved HAR/CDP logs and bug reports still carry (docs/cors-errors.md#the-names).
import type { CorsError, ParsedCorsError } from './types.ts';

export const CORS_ERRORS: readonly CorsError[] = [
  'DisallowedByMode',
  'InvalidResponse',
  'WildcardOriginNotAllowed',
  'MissingAllowOriginHeader',
  'MultipleAllowOriginValues',
  'InvalidAllowOriginValue',
  'AllowOriginMismatch',
  'InvalidAllowCredentials',
  'CorsDisabledScheme',
  'PreflightInvalidStatus',
  'PreflightDisallowedRedirect',
  'PreflightWildcardOriginNotAllowed',
  'PreflightMissingAllowOriginHeader',
  'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue',
  'PreflightAllowOriginMismatch',
  'PreflightInvalidAllowCredentials',
  'PreflightMissingAllowExternal',
  'PreflightInvalidAllowExternal',
  'InvalidAllowMethodsPreflightResponse',
  'InvalidAllowHeadersPreflightResponse',
  'MethodDisallowedByPreflightResponse',
  'HeaderDisallowedByPreflightResponse',
  'RedirectContainsCredentials',
  'InsecureLocalNetwork',
  'InvalidLocalNetworkAccess',
  'NoCorsRedirectModeNotFollow',
  'LocalNetworkAccessPermissionDenied',
];

const CURRENT = new Set<string>(CORS_ERRORS);

// Renamed in protocol roll r1581282 (2026-02-07).
const RENAMED: Readonly<Record<string, CorsError>> = {
  InsecurePrivateNetwork: 'InsecureLocalNetwork',
  InvalidPrivateNetworkAccess: 'InvalidLocalNetworkAccess',
};

// Removed in protocol roll r1572739 (2026-01-22); mapped to the current error that replaced their meaning, if any.
const REMOVED: Readonly<Record<string, CorsError | null>> = {
  UnexpectedPrivateNetworkAccess: 'InvalidLocalNetworkAccess',
  PreflightMissingAllowPrivateNetwork: null,
  PreflightInvalidAllowPrivateNetwork: null,
  PreflightMissingPrivateNetworkAccessId: null,
  PreflightMissingPrivateNetworkAccessName: null,
  PrivateNetworkAccessPermissionUnavailable: 'LocalNetworkAccessPermissionDenied',
  PrivateNetworkAccessPermissionDenied: 'LocalNetworkAccessPermissionDenied',
};

const isLocalNetworkName = (name: string): boolean => /PrivateNetwork|LocalNetwork|AllowExternal/.test(name);

/** Reads a CorsError name from CDP, a HAR, a log or a mojom dump (`kMissingAllowOriginHeader`); null if unknown. */
export function parseCorsError(raw: string): ParsedCorsError | null {
  const trimmed = raw.trim();
  const name = /^k[A-Z]/.test(trimmed) ? trimmed.slice(1) : trimmed;
  if (CURRENT.has(name))
    return {
      name,
      corsError: name as CorsError,
      status: 'current',
      isLocalNetwork: isLocalNetworkName(name),
    };
  // Object.hasOwn: a name like 'valueOf' or '__proto__' must not find Object.prototype (found by property tests).
  if (Object.hasOwn(RENAMED, name))
    return { name, corsError: RENAMED[name] ?? null, status: 'renamed', isLocalNetwork: true };
  if (Object.hasOwn(REMOVED, name))
    return { name, corsError: REMOVED[name] ?? null, status: 'removed', isLocalNetwork: true };
  return null;
}

/** Whether a name is one of Chrome's `Preflight…` errors, for which the console adds the preflight prefix. */
export const isPreflightError = (name: string): boolean => name.startsWith('Preflight');
