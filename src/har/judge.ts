// Exporters other than Chrome/Edge do not say which requests the browser blocked. For their records with a response
// the engine judges from the recorded headers: a record becomes a failure only when the engine's own check blocks it
// with a CORS cause; what it cannot decide stays as recorded (harNotes says so in the output).
import { diagnose } from '../engine/index.ts';
import type { ExchangeRecord } from '../shared/model.ts';
import type { HarTally } from './har-records.ts';

export function judgeUnmarked(records: ExchangeRecord[], tally: HarTally): ExchangeRecord[] {
  if (tally.judged === 0) return records;
  return records.map((r) => {
    if (r.observed.netError !== null || r.observed.hops.length === 0) return r;
    const observed = { ...r.observed, netError: 'net::ERR_FAILED' };
    const d = diagnose(observed);
    return d.verdict === 'blocked' && d.corsError !== null ? { ...r, observed } : r;
  });
}
