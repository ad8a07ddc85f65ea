// Check: Private Network Access granted to a public origin (https://wicg.github.io/private-network-access/).
import { getHeader } from '../../../engine/index.ts';
import { ARBITRARY } from './hostile-origins.ts';
import type { SecurityCheck } from './types.ts';

export const privateNetwork: SecurityCheck = {
  id: 'private-network-for-public-origin',
  title: 'Private network access granted to any public site',
  risk: "A public website can reach this service on the user's local or private network (routers, dev servers, intranet APIs) through their browser.",
  fix: 'Send Access-Control-Allow-Private-Network: true only together with an exact, trusted origin; never with * or a reflected origin.',
  perOrigin: false,
  async run(ctx) {
    const h = await ctx.privateNetwork(ARBITRARY);
    if (h === null || getHeader(h, 'access-control-allow-private-network') !== 'true') return null;
    const acao = getHeader(h, 'access-control-allow-origin');
    if (acao !== '*' && acao !== ARBITRARY) return null;
    return {
      severity: 'error',
      message: `a preflight from ${ARBITRARY} asking for private network access got Access-Control-Allow-Private-Network: true with Access-Control-Allow-Origin: ${acao}`,
      probeOrigin: ARBITRARY,
    };
  },
};
