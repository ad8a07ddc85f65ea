// What decided the credentials mode of an exchange whose mode was not observed (webRequest and DevTools' log do not
// show it), in words that say only what is known: the request's Cookie or Sec-Fetch-Storage-Access, the browser's verdict (only one mode gives
// it), or nothing. Why the mode matters and how it is inferred: docs/engine.md "How diagnose fills the gaps".
import type { CredentialsMode } from './types.ts';

/** 'cookie': the request carried one; 'storage-access': it carried Sec-Fetch-Storage-Access, which only a
 * credentialed cross-site request carries; 'verdict': only this mode gives the outcome; 'undecided': nothing told. */
export type CredentialsBasis = 'cookie' | 'storage-access' | 'verdict' | 'undecided';

/** The hint: how the mode the diagnosis replays with was chosen. */
export function credentialsNote(basis: CredentialsBasis, mode: CredentialsMode): string {
  if (basis === 'cookie')
    return "The credentials mode was not observed; the request carried a Cookie, which only a credentialed request sends, so it is replayed as 'include'";
  if (basis === 'storage-access')
    return "The credentials mode was not observed; the request carried Sec-Fetch-Storage-Access, which the browser sends only on a cross-site request with credentials, so it is replayed as 'include'";
  if (basis === 'verdict')
    return mode === 'include'
      ? "The credentials mode was not observed; only a credentialed request ('include') gives this outcome, so it is replayed with credentials"
      : 'The credentials mode was not observed; only a request without credentials gives this outcome, so it is replayed without them';
  return 'The credentials mode was not observed and this outcome does not tell it; the diagnosis replays without credentials';
}

/** The short form for a facts table: the mode, or "not observed", and the signal. */
export function credentialsLabel(
  basis: CredentialsBasis | undefined,
  mode: CredentialsMode | 'unknown',
): string {
  if (basis === undefined) return mode;
  if (basis === 'cookie') return `${mode} (not observed; the request carried a Cookie)`;
  if (basis === 'storage-access')
    return `${mode} (not observed; the request carried Sec-Fetch-Storage-Access)`;
  if (basis === 'verdict') return `${mode} (not observed; only this mode gives the browser's verdict)`;
  return 'not observed (this outcome does not tell it; replayed without credentials)';
}
