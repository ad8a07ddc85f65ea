// Rule local-network-access: Chrome asks the user before a page reaches a more private address space (Local
// Network Access since Chrome 142; Private Network Access before). webRequest then sees
// net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS (…PRIVATE_NETWORK… in older builds) instead of net::ERR_FAILED,
// and CDP names a CorsError. The engine knows no IP address spaces, so this comes only from what Chrome said.
import type { Cause } from '../types.ts';

const BLOCKED = /BLOCKED_BY_(?:LOCAL|PRIVATE)_NETWORK_ACCESS/;

/** Whether a network error string is Chrome's Local/Private Network Access block. */
export const isLocalNetworkBlock = (netError: string | null): boolean =>
  netError !== null && BLOCKED.test(netError);

export const localNetworkHint = (message: string): Cause => ({
  code: 'local-network-access',
  severity: 'warning',
  message,
});

/* References: WICG Local Network Access (https://wicg.github.io/local-network-access/); Fetch Standard §4.1 main
   fetch (https://fetch.spec.whatwg.org/#main-fetch); Chrome blog "Local Network Access"; docs/cors-errors.md#the-names. */
