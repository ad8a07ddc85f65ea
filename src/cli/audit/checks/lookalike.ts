// The shape shared by every check that derives one hostile origin from the allowed one: probe it, and report when
// the server trusts it. When any origin at all is reflected, reflect-any-origin already names the cause, so these
// stay quiet instead of repeating it five times.
import { ARBITRARY } from './hostile-origins.ts';
import type { SecurityCheck, Severity } from './types.ts';

interface Spec extends Omit<SecurityCheck, 'run' | 'perOrigin'> {
  derive: (origin: string) => string | null;
  /** Report only when the hostile origin also gets credentials (subdomains are often trusted on purpose). */
  onlyWithCredentials?: boolean;
}

export function lookalikeCheck(spec: Spec): SecurityCheck {
  const { derive, onlyWithCredentials = false, ...meta } = spec;
  return {
    ...meta,
    perOrigin: true,
    async run(ctx) {
      const origin = derive(ctx.origin);
      if (origin === null) return null;
      if ((await ctx.hostile(ARBITRARY)).trusted !== null) return null;
      const p = await ctx.hostile(origin);
      if (p.trusted === null || (onlyWithCredentials && p.trusted !== 'credentials')) return null;
      const severity: Severity = p.trusted === 'credentials' ? 'error' : 'warning';
      return {
        severity,
        message: `${origin} was allowed${p.trusted === 'credentials' ? ' with credentials' : ''} (the allowed origin is ${ctx.origin})`,
        probeOrigin: origin,
      };
    },
  };
}
