// Chromium's CheckAccess: the ACAO check, then ACAC. The preflight uses the same check and reports the
// `Preflight`-prefixed names (preflight_controller.cc).
import { checkAllowCredentials } from './rules/allow-credentials.ts';
import { checkAllowOrigin } from './rules/allow-origin.ts';
import type { CheckFailure, CorsError, HeaderMap } from './types.ts';

const PREFLIGHT_NAME: Partial<Record<CorsError, CorsError>> = {
  WildcardOriginNotAllowed: 'PreflightWildcardOriginNotAllowed',
  MissingAllowOriginHeader: 'PreflightMissingAllowOriginHeader',
  MultipleAllowOriginValues: 'PreflightMultipleAllowOriginValues',
  InvalidAllowOriginValue: 'PreflightInvalidAllowOriginValue',
  AllowOriginMismatch: 'PreflightAllowOriginMismatch',
  InvalidAllowCredentials: 'PreflightInvalidAllowCredentials',
};

export function checkAccess(
  headers: HeaderMap,
  origin: string,
  withCredentials: boolean,
  isPreflight: boolean,
): CheckFailure | null {
  const failure =
    checkAllowOrigin(headers, origin, withCredentials) ?? checkAllowCredentials(headers, withCredentials);
  if (failure === null || !isPreflight) return failure;
  return {
    corsError: PREFLIGHT_NAME[failure.corsError] ?? failure.corsError,
    failedParameter: failure.failedParameter,
  };
}
