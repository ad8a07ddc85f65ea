// The two reachability checks: the allowed origin must get through on the route (the same verdict `check` gives,
// with the headers the page reads), and a request that makes the route fail (a path parameter that names nothing)
// must still carry CORS headers, or the page sees "CORS error" instead of the 404.
import type { CauseCode, HintCode } from '../../engine/types.ts';
import type { Fix } from '../../fixes/types.ts';
import type { AllowedProbe } from './probe.ts';

export const CORS_CHECK = {
  id: 'cors',
  title: 'The frontend origin can call this route',
  risk: 'The browser blocks this call from the frontend: the feature is broken for every user.',
} as const;

export const ERROR_PATH_CHECK = {
  id: 'error-path-cors',
  title: 'Error answers keep their CORS headers',
  risk: 'When the route fails, the page sees a bare "CORS error" instead of the real status and cannot show the right message.',
} as const;

export interface CorsVerdict {
  cause: CauseCode | HintCode;
  message: string;
  status: number | null;
  fix: Fix | null;
  /** Why there is no fix, when there is none. */
  fixNote: string | null;
}

/** The engine's verdict on the allowed origin's exchange; null when the browser allows it and the page can read all. */
export function corsVerdict(p: AllowedProbe): CorsVerdict | null {
  const d = p.diagnosis;
  if (p.outcome.sim.blocked)
    return {
      cause: d.code,
      message: d.triage ? `${d.headline}. ${d.triage}` : d.headline,
      status: d.realStatus,
      fix: p.outcome.backend.fix,
      fixNote: p.outcome.backend.noFixReason,
    };
  const hidden = d.hints.find((h) => h.code === 'header-not-exposed');
  if (hidden === undefined) return null;
  return {
    cause: 'header-not-exposed',
    message: hidden.message,
    status: d.realStatus,
    fix: null,
    fixNote: 'Add the header to Access-Control-Expose-Headers on the actual response.',
  };
}
