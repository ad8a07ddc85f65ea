// The hostile origins the checks send, derived from an allowed origin the way the known bypasses of hand-written
// origin checks work (PortSwigger "Exploiting CORS misconfigurations"; the CORScanner / Corsy probe lists): they
// go out as the Origin header only, to the base URL the user gave; nothing is resolved or contacted at those names.
export const ARBITRARY = 'https://cors-lens-audit.example';

interface Parts {
  scheme: string;
  host: string;
  port: string;
}

function parts(origin: string): Parts | null {
  if (origin === 'null' || !URL.canParse(origin)) return null;
  const u = new URL(origin);
  return { scheme: u.protocol, host: u.hostname, port: u.port === '' ? '' : `:${u.port}` };
}

const isIp = (host: string): boolean => /^[\d.]+$/.test(host) || host.startsWith('[');
const make = (p: Parts, host: string, scheme = p.scheme): string => `${scheme}//${host}${p.port}`;

/** `evil-app.com`: passes an endsWith / unanchored-at-the-start check. */
export function suffixLookalike(origin: string): string | null {
  const p = parts(origin);
  return p && !isIp(p.host) ? make(p, `evil-${p.host}`) : null;
}

/** `app.com.cors-lens-audit.example`: passes a startsWith / unanchored-at-the-end check. */
export function prefixLookalike(origin: string): string | null {
  const p = parts(origin);
  return p && !isIp(p.host) ? make(p, `${p.host}.cors-lens-audit.example`) : null;
}

/** `appXcom`: passes a regex whose dot is not escaped. */
export function dotLookalike(origin: string): string | null {
  const p = parts(origin);
  return p && !isIp(p.host) && p.host.includes('.') ? make(p, p.host.replace('.', 'x')) : null;
}

/** The http:// twin of an https:// origin. */
export function httpDowngrade(origin: string): string | null {
  const p = parts(origin);
  return p && p.scheme === 'https:' ? make(p, p.host, 'http:') : null;
}

/** A subdomain of the allowed host. */
export function subdomainOf(origin: string): string | null {
  const p = parts(origin);
  return p && !isIp(p.host) ? make(p, `cors-lens-audit.${p.host}`) : null;
}
