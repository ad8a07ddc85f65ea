// The strip above the list that says where the rows come from when it is not live capture: the HAR file being
// read (with progress), the file shown (its name, exporter, what it cannot tell, and the way back to live), or why
// a file could not be opened. Every string from the file is rendered as text.
import { useStore } from './context.ts';

export function HarBanner() {
  const store = useStore();
  const { shown, reading, error } = store.har;
  const file = shown.value;
  const busy = reading.value;
  const problem = error.value;
  // Always rendered (empty when live): it holds the panel grid's middle row.
  return (
    <div class="har-banner">
      {problem && (
        <p role="alert" class="har-error" data-testid="har-error">
          {problem}{' '}
          <button type="button" onClick={store.actions.dismissHarError}>
            Dismiss
          </button>
        </p>
      )}
      {busy && (
        <p role="status" data-testid="har-reading">
          Reading {busy.name}… {busy.percent}%
        </p>
      )}
      {file && (
        <section data-testid="har-shown" aria-label="HAR file shown">
          <p>
            <strong>From file:</strong> <span data-testid="har-name">{file.name}</span>
            {file.creator ? ` (${file.creator})` : ''} — {file.entries} entries, {file.corsEntries}{' '}
            cross-origin requests and preflights. Live capture continues in the background.{' '}
            <button type="button" onClick={store.actions.closeHar}>
              Back to live capture
            </button>
          </p>
          {file.notes.map((n) => (
            <p key={n} class="muted" data-testid="har-note">
              {n}
            </p>
          ))}
        </section>
      )}
    </div>
  );
}
