// One finished record around an engine input, and fixed report metadata: what the report tests and the fuzz
// campaign feed buildReport with, so hostile headers reach the export exactly as captured ones do.
import type { Observed } from '../../src/engine/index.ts';
import type { ExchangeRecord } from '../../src/shared/model.ts';

export const recordOf = (observed: Observed, id = 'wr-1'): ExchangeRecord => ({
  id,
  tabId: 1,
  frameId: 0,
  startedAt: 0,
  done: true,
  observed,
  callSite: null,
  pageError: null,
});

export const REPORT_META = {
  generatedAt: '2026-12-05T00:00:00.000Z',
  generator: { name: 'cors-lens', version: '0.0.0' },
  source: 'cli',
} as const;
