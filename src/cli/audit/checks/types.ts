// One security check = one file in this folder: what it probes, how the engine's answer is judged, the risk in one
// sentence and the fix. docs/ci.md lists them with their sources.
import type { HeaderMap } from '../../../engine/types.ts';
import type { AllowedProbe, HostileProbe } from '../probe.ts';
import type { Route } from '../routes.ts';

export type Severity = 'error' | 'warning' | 'note';

export interface CheckContext {
  route: Route;
  /** The allowed origin this case is about. */
  origin: string;
  /** Every allowed origin of the audit. */
  origins: readonly string[];
  allowed: AllowedProbe;
  /** The server's answer to a hostile origin on this route (memoised per route). */
  hostile(origin: string): Promise<HostileProbe>;
  /** The answer to a Private Network Access preflight from a public origin (memoised per route). */
  privateNetwork(origin: string): Promise<HeaderMap | null>;
}

export interface Evidence {
  severity: Severity;
  message: string;
  /** The hostile origin that got in, when that is the evidence. */
  probeOrigin?: string;
}

export interface SecurityCheck {
  id: string;
  title: string;
  /** The risk in one sentence. */
  risk: string;
  /** What to change, in one or two sentences. */
  fix: string;
  /** false: the answer does not depend on the allowed origin, so it runs once per route. */
  perOrigin: boolean;
  run(ctx: CheckContext): Promise<Evidence | null>;
}
