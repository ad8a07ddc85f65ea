// Exporters other than Chrome/Edge do not say which requests the browser blocked. For their records with a response
// the engine judges from the recorded headers: a record becomes a failure only when the engine's own check blocks it
// with a CORS cause; what it cannot decide stays as recorded (harNotes says so in the output). The credentials mode
// is not in a HAR either: unless the request carried a Cookie, it is judged without credentials (the fewest checks),
// so an allowed request is never reported as blocked; a credentialed failure without a Cookie in the file (a wildcard
// with credentials, a missing Allow-Credentials) then goes unreported, which docs/har.md says.
import { diagnose } from '../engine/index.ts';
import type { ExchangeRecord } from '../shared/model.ts';
import type { HarTally } from './har-records.ts';

export function judgeUnmarked(records: ExchangeRecord[], tally: HarTally): ExchangeRecord[] {
  if (tally.judged === 0) return records;
  return records.map((r) => {
    if (r.observed.netError !== null || r.observed.hops.length === 0) return r;
    const observed = { ...r.observed, netError: 'net::ERR_FAILED' };
    const cookie = Object.keys(r.observed.requestHeaders ?? {}).some((h) => h.toLowerCase() === 'cookie');
    const d = diagnose(
      cookie || observed.credentials !== undefined ? observed : { ...observed, credentials: 'omit' },
    );
    return d.verdict === 'blocked' && d.corsError !== null ? { ...r, observed } : r;
  });
}
