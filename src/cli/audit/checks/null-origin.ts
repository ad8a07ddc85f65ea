// Check: the server trusts the opaque origin "null".
import { ARBITRARY } from './hostile-origins.ts';
import type { SecurityCheck } from './types.ts';

export const nullOrigin: SecurityCheck = {
  id: 'null-origin',
  title: 'The origin "null" is trusted',
  risk: 'Any site can send Origin: null from a sandboxed iframe or a data: URL, so trusting it trusts everyone.',
  fix: 'Remove "null" from the allowed origins; serve local or sandboxed pages from a real origin instead.',
  perOrigin: false,
  async run(ctx) {
    // A server that reflects every origin reflects null too: reflect-any-origin names that cause.
    if ((await ctx.hostile(ARBITRARY)).trusted !== null) return null;
    const p = await ctx.hostile('null');
    if (p.trusted === null) return null;
    return {
      severity: p.trusted === 'credentials' ? 'error' : 'warning',
      message: `Origin: null was allowed${p.trusted === 'credentials' ? ' with credentials' : ''}`,
      probeOrigin: 'null',
    };
  },
};
