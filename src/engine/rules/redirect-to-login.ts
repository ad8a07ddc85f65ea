// Rule redirect-to-login: a 3xx whose Location points at a sign-in page. An expired session or an auth filter that
// runs before CORS turns an API call into a redirect the browser then refuses (or taints the Origin).
import { getHeader } from '../headers.ts';
import type { HeaderMap } from '../types.ts';

const LOGIN =
  /\/(?:login|log-in|signin|sign-in|sign_in|auth(?:orize)?|sso|oauth2?|saml|cas\/login|account\/login|session\/new)\b|[?&](?:returnUrl|return_to|redirect_uri|next)=/i;

/** The login URL a redirect points at, or null. */
export function loginRedirectTarget(status: number, headers: HeaderMap): string | null {
  if (status < 300 || status > 399) return null;
  const location = getHeader(headers, 'location');
  return location !== null && LOGIN.test(location) ? location : null;
}

export const loginTriage = (location: string): string =>
  `Your server redirected to a sign-in page (${location}) instead of answering: the session is missing or expired, or the auth check runs before CORS`;

/* References: Fetch Standard §4.4 HTTP-redirect fetch (https://fetch.spec.whatwg.org/#http-redirect-fetch);
   MDN CORSExternalRedirectNotAllowed; spring-projects/spring-security#4448. */
