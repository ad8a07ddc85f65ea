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

const NOT_CORS =
  'This is not a CORS-header problem: the request never left the browser, so no response header can fix it; the server needs nothing special for it (the old Access-Control-Allow-Private-Network header is ignored) and must still answer CORS as usual once the request goes out.';

/** The panel's explanation of a Local Network Access block: the prompt, what the server must send, why not CORS. */
export function localNetworkExplanation(corsError: string | null): string {
  if (corsError === 'InsecureLocalNetwork')
    return `A page served over plain http from a public address may not reach the local network or this computer at all, and Chrome does not even offer its permission prompt: serve the page over https (or from localhost). ${NOT_CORS}`;
  return `Chrome asks the user before a page on a public address reaches a device on the local network or this computer ("… wants to look for and connect to any device on your local network"); the prompt was declined or not answered (headless and automated browsers deny it). Allow it from the site's permissions (the icon left of the address bar), or serve the page from the same network. ${NOT_CORS}`;
}

/* References: WICG Local Network Access (https://wicg.github.io/local-network-access/); Fetch Standard §4.1 main
   fetch (https://fetch.spec.whatwg.org/#main-fetch); Chrome blog "Local Network Access"; docs/cors-errors.md#the-names. */
