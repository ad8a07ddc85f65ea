// Check: the server echoes any Origin it receives.
import { ARBITRARY } from './hostile-origins.ts';
import type { SecurityCheck } from './types.ts';

export const reflectAnyOrigin: SecurityCheck = {
  id: 'reflect-any-origin',
  title: 'Any origin is allowed (Origin reflected)',
  risk: 'Any website a user visits can call this API from their browser and read the answers (with their cookies when credentials are allowed).',
  fix: 'Compare the Origin against an exact list of your frontends and answer only those; never echo the header back unchecked (Express cors origin: true, nginx $http_origin, a callback returning true).',
  perOrigin: false,
  async run(ctx) {
    const p = await ctx.hostile(ARBITRARY);
    if (p.trusted === null) return null;
    return {
      severity: p.trusted === 'credentials' ? 'error' : 'warning',
      message: `${ARBITRARY} was allowed${p.trusted === 'credentials' ? ' with credentials' : ''}: the server reflects any Origin`,
      probeOrigin: ARBITRARY,
    };
  },
};
