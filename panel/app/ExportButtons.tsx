// Export buttons: a redacted diagnosis report as JSON or Markdown, for the selected failure or all of them.
import type { ExportFormat, ExportScope } from '../state/exporter.ts';
import { usePlatform, useStore } from './context.ts';

const FORMATS: [ExportFormat, string, string][] = [
  ['json', 'JSON', 'json'],
  ['markdown', 'Markdown', 'md'],
];

export function ExportButtons({ scope, label }: { scope: ExportScope; label: string }) {
  const store = useStore();
  const platform = usePlatform();
  const disabled = scope === 'all' ? store.groups.value.length === 0 : store.selected.value === null;
  return (
    <div class="export" role="group" aria-label={label}>
      <span class="export-label">{label}:</span>
      {FORMATS.map(([format, text, id]) => (
        <button
          key={format}
          type="button"
          data-testid={`export-${scope}-${id}`}
          disabled={disabled}
          onClick={() => {
            platform.download(store.actions.exportReport(format, scope));
          }}
        >
          {text}
        </button>
      ))}
    </div>
  );
}
