// Records paired with their diagnoses: derived, never stored. Records are replaced whole when they change, so a
// cache keyed by record identity keeps re-deriving 10 000 entries cheap when one record streams in.
import { computed, type ReadonlySignal } from '@preact/signals';
import type { Diagnosis } from '../../src/engine/types.ts';
import type { ExchangeRecord } from '../../src/shared/model.ts';
import type { PanelDeps } from './deps.ts';
import type { Entry } from './groups.ts';

export function createEntries(
  records: ReadonlySignal<readonly ExchangeRecord[]>,
  deps: PanelDeps,
): ReadonlySignal<Entry[]> {
  const cache = new WeakMap<ExchangeRecord, Diagnosis | null>();
  const diagnosisOf = (r: ExchangeRecord): Diagnosis | null => {
    let d = cache.get(r);
    if (d === undefined) {
      d = safeDiagnose(deps, r);
      cache.set(r, d);
    }
    return d;
  };
  return computed(() => {
    const out: Entry[] = [];
    for (const record of records.value) {
      // Unfinished requests have no verdict yet.
      const diagnosis = record.done ? diagnosisOf(record) : null;
      if (diagnosis) out.push({ record, diagnosis });
    }
    return out;
  });
}

/** An engine exception must not take the whole panel down; the record is left out of the list instead. */
function safeDiagnose(deps: PanelDeps, r: ExchangeRecord): Diagnosis | null {
  try {
    return deps.diagnose(r.observed);
  } catch {
    return null;
  }
}
