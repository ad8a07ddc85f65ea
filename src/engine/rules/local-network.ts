// Rule local-network: Local Network Access (Chrome 142+). A request into a more private address space than the
// page's (public → local → loopback) is refused before it is sent: from a non-secure page always
// (InsecureLocalNetwork), from a secure page unless the user allowed the page's origin in Chrome's permission prompt
// (LocalNetworkAccessPermissionDenied). No server header can change this: it is not a CORS-header problem. Before
// Chrome 142 (Private Network Access) only the non-secure case was blocked. Measured: docs/engine.md, "Local Network
// Access".
import type { ChromeFacts } from '../chrome-versions.ts';
import type { AddressSpace, CheckFailure, LocalNetworkContext } from '../types.ts';

const RANK: Readonly<Record<AddressSpace, number>> = { loopback: 0, local: 1, public: 2 };

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/;

/** The address space of an IP-literal or `localhost` host (Chromium's IPAddressSpace rules), or null for a name. */
export function addressSpaceOfHost(host: string): AddressSpace | null {
  const h = host.toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h === '[::1]') return 'loopback';
  const m = IPV4.exec(h);
  if (m !== null) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a === 127) return 'loopback';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254))
      return 'local';
    if (a === 100 && b >= 64 && b <= 127) return 'local'; // carrier-grade NAT (Tailscale)
    if (a === 0) return 'local';
    return 'public';
  }
  if (h.startsWith('[')) return /^\[(?:f[cd]|fe[89ab])/.test(h) ? 'local' : 'public';
  return null;
}

/** The failure, and the space Chrome's console line names, when the page may not reach `target`. */
export function checkLocalNetwork(
  client: LocalNetworkContext,
  target: AddressSpace,
  facts: ChromeFacts,
): (CheckFailure & { space: AddressSpace }) | null {
  if (RANK[target] >= RANK[client.clientSpace]) return null;
  if (!client.secureContext) return { corsError: 'InsecureLocalNetwork', failedParameter: '', space: target };
  if (facts.localNetwork === 'pna' || client.permission === 'granted') return null;
  return { corsError: 'LocalNetworkAccessPermissionDenied', failedParameter: '', space: target };
}

/* References: WICG Local Network Access (https://wicg.github.io/local-network-access/); Chrome blog "Local Network
   Access" (https://developer.chrome.com/blog/local-network-access); Chromium services/network/private_network_access_checker.cc; Fetch Standard, the HTTP-network fetch step the
   draft extends (https://fetch.spec.whatwg.org/#concept-http-network-fetch). */
