// Check: a response open to every origin (`*`) that also sets a cookie.
import { getHeader } from '../../../engine/index.ts';
import type { SecurityCheck } from './types.ts';

export const wildcardCookie: SecurityCheck = {
  id: 'wildcard-sets-cookie',
  title: 'Access-Control-Allow-Origin: * on a response that sets a cookie',
  risk: 'The endpoint handles sessions yet is declared public: any site can read what it answers, and a later change to credentials would expose the session.',
  fix: 'Answer with the exact frontend origin (plus Vary: Origin) on endpoints that set or read cookies; keep * for truly public, cookie-less data.',
  perOrigin: false,
  run(ctx) {
    const hop = ctx.allowed.outcome.exchange.hops.at(-1);
    if (!hop || getHeader(hop.responseHeaders, 'access-control-allow-origin') !== '*')
      return Promise.resolve(null);
    if (getHeader(hop.responseHeaders, 'set-cookie') === null) return Promise.resolve(null);
    return Promise.resolve({
      severity: 'warning',
      message: `the ${hop.status} sets a cookie and allows every origin`,
    });
  },
};
