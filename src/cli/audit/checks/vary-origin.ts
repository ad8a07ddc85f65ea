// Check: Access-Control-Allow-Origin depends on the request's Origin but the response does not say Vary: Origin.
import { getHeader } from '../../../engine/index.ts';
import { ARBITRARY } from './hostile-origins.ts';
import type { SecurityCheck } from './types.ts';

export const varyOrigin: SecurityCheck = {
  id: 'acao-without-vary',
  title: 'A per-origin Access-Control-Allow-Origin without Vary: Origin',
  risk: 'A shared cache (CDN, proxy) can hand the answer made for one origin to another: the right frontend gets a CORS error, or a cached allow reaches a page it was not meant for.',
  fix: 'Send Vary: Origin on every response whose CORS headers depend on the Origin (allowed or not).',
  perOrigin: true,
  async run(ctx) {
    const hop = ctx.allowed.outcome.exchange.hops.at(-1);
    if (!hop) return null;
    const acao = getHeader(hop.responseHeaders, 'access-control-allow-origin');
    if (acao === null || acao === '*') return null;
    // Dynamic when another origin (another frontend, or any site) gets a different value. A value that is only
    // present or absent (flask-cors and aiohttp-cors with one origin send no Vary) cannot hand one origin's grant
    // to another, so it is not reported: docs/ci.md#acao-without-vary.
    let dynamic = false;
    for (const other of [...ctx.origins.filter((o) => o !== ctx.origin), ARBITRARY]) {
      const a = (await ctx.hostile(other)).answer;
      const value = a ? getHeader(a.responseHeaders, 'access-control-allow-origin') : null;
      if (value !== null && value !== '*' && value !== acao) dynamic = true;
    }
    if (!dynamic) return null;
    const vary = (getHeader(hop.responseHeaders, 'vary') ?? '')
      .toLowerCase()
      .split(',')
      .map((v) => v.trim());
    if (vary.includes('origin') || vary.includes('*')) return null;
    return {
      severity: 'warning',
      message: `Access-Control-Allow-Origin: ${acao} changes with the Origin, but the ${hop.status} has ${vary[0] ? `Vary: ${vary.join(', ')}` : 'no Vary header'}`,
    };
  },
};
