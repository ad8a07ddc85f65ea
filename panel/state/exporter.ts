// Export of one failure or all of them as JSON or Markdown, through the shared report module. Redacted unless the
// user ticked "include sensitive values"; the file name carries the time so repeated exports never overwrite.
import type { ReadonlySignal } from '@preact/signals';
import { buildReport, toJson, toMarkdown, type ReportBackend } from '../../src/report/index.ts';
import type { ExchangeRecord } from '../../src/shared/model.ts';
import type { PanelDeps } from './deps.ts';
import type { FixState } from './fix-state.ts';
import type { Entry, Group } from './groups.ts';

export type ExportFormat = 'json' | 'markdown';
export type ExportScope = 'all' | 'selected';

export interface ExportFile {
  filename: string;
  mime: string;
  text: string;
}

interface ExporterInput {
  deps: PanelDeps;
  entries: ReadonlySignal<readonly Entry[]>;
  selected: ReadonlySignal<Group | null>;
  includeSensitive: ReadonlySignal<boolean>;
  fixState: { forEntry(e: Entry): FixState | null };
  /** The page and browser the records came from (the inspected tab, or a HAR file's). */
  source: () => { pageUrl: string | null; browser: string | null };
}

export function createExporter(input: ExporterInput) {
  const exportReport = (format: ExportFormat, scope: ExportScope): ExportFile => {
    const entries = input.entries.value;
    const picked =
      scope === 'selected' ? (input.selected.value ? [input.selected.value.latest] : []) : entries;
    // Diagnoses are already derived in the store; reusing them keeps the report identical to what the panel shows.
    const byObserved = new Map(picked.map((e) => [e.record.observed, e.diagnosis]));
    const now = input.deps.now();
    const report = buildReport(
      picked.map((e) => e.record),
      {
        diagnose: (o) => byObserved.get(o) ?? input.deps.diagnose(o),
        fixFor: (record: ExchangeRecord, diagnosis): ReportBackend | null => {
          const state = input.fixState.forEntry({ record, diagnosis });
          return state ? { detected: state.detections, chosen: state.backend, fix: state.fix } : null;
        },
        meta: {
          generatedAt: new Date(now).toISOString(),
          generator: { name: 'cors-lens', version: input.deps.version },
          source: 'panel',
          ...input.source(),
        },
        includeSensitive: input.includeSensitive.value,
      },
    );
    const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
    return format === 'json'
      ? { filename: `cors-lens-report-${stamp}.json`, mime: 'application/json', text: toJson(report) }
      : { filename: `cors-lens-report-${stamp}.md`, mime: 'text/markdown', text: toMarkdown(report) };
  };
  return { exportReport };
}
