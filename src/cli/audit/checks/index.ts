// Every security check, in the order the reports list them.
import { httpDowngradeCheck } from './http-downgrade.ts';
import { nullOrigin } from './null-origin.ts';
import { prefixMatch } from './prefix-match.ts';
import { privateNetwork } from './private-network.ts';
import { reflectAnyOrigin } from './reflect-any-origin.ts';
import { subdomainCredentials } from './subdomain-credentials.ts';
import { suffixMatch } from './suffix-match.ts';
import type { SecurityCheck } from './types.ts';
import { unescapedDot } from './unescaped-dot.ts';
import { varyOrigin } from './vary-origin.ts';
import { wildcardCookie } from './wildcard-cookie.ts';

export const SECURITY_CHECKS: readonly SecurityCheck[] = [
  reflectAnyOrigin,
  nullOrigin,
  suffixMatch,
  prefixMatch,
  unescapedDot,
  httpDowngradeCheck,
  subdomainCredentials,
  varyOrigin,
  wildcardCookie,
  privateNetwork,
];
export type { SecurityCheck, Severity, Evidence, CheckContext } from './types.ts';
