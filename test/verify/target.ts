// What one backend contributes to the matrix: a broken-server template with @@CORS_n@@ regions, the broken
// variants (each a cause Chrome must report), and how to build and start it.
import type { CauseCode, CorsError } from '../../src/engine/types.ts';
import type { BackendId, Snippet } from '../../src/fixes/types.ts';
import type { Launch } from './harness.ts';
import type { ShapeId } from './shapes.ts';

export interface Ctx {
  /** The allowed page origin, http://localhost:<pagePort>. */
  origin: string;
  /** The same page as http://127.0.0.1:<pagePort>: a different origin, used as the hostile one. */
  otherOrigin: string;
  apiPort: number;
  /** The plain upstream the proxies forward to (proxies only). */
  upstreamPort: number;
}

export interface Variant {
  id: string;
  /** What is wrong in the broken server, in a few words (printed in the table). */
  bug: string;
  shape: ShapeId;
  /** Contents of the template's regions for the broken server. */
  broken: (c: Ctx) => string[];
  /** Chrome's CorsError for the broken server. */
  chrome: CorsError;
  /** The engine's diagnosis of the broken server (asserted: the fix is generated from the engine's own diagnosis). */
  cause: CauseCode;
  /** The real status the engine must report, when it matters (errors and unhandled preflights). */
  realStatus?: number;
  /** The upstream also sends this ACAO (proxy duplicates). */
  upstreamAcao?: (c: Ctx) => string;
}

export interface Target {
  backend: BackendId;
  label: string;
  /** null when this machine can run it, else why the cells are gaps. */
  missing: () => string | null;
  variants: Variant[];
  /** Which snippet of the fix goes into each region (default: snippet i → region i). The snippets are the ones
   * the panel showed (where + code), whose concatenation the Copy button put on the clipboard. */
  regionsOf?: (fix: { snippets: Pick<Snippet, 'where' | 'code'>[] }) => string[];
  /** Writes the server into dir (building it when needed) and says how to start it. */
  prepare: (dir: string, regions: string[], c: Ctx) => Promise<Launch>;
  /** Proxies need the upstream running. */
  needsUpstream?: boolean;
}

/** The error case most backends share: /api/boom throws and the 500 goes out without CORS headers. */
export function errorVariant(bug: string, regions = 1): Variant {
  return {
    id: 'boom',
    bug,
    shape: 'boom',
    broken: () => Array.from({ length: regions }, () => ''),
    chrome: 'MissingAllowOriginHeader',
    cause: 'server-error-without-cors',
    realStatus: 500,
  };
}
