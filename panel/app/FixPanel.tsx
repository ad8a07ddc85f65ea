// The fix for the selected failure: the detected backend and its evidence, a picker for every backend (the choice
// is remembered per API origin), the tailored snippet with where it goes, security notes, Copy, Copy test (CopyTest.tsx)
// and Copy as cURL.
import { curlCommands } from '../../src/report/index.ts';
import type { BackendId } from '../../src/fixes/types.ts';
import { useStore } from './context.ts';
import { Code } from './Snippet.tsx';
import { FixAssumptions } from './FixAssumptions.tsx';
import { useCopy } from './useCopy.ts';
import { CopyTestButton } from './CopyTest.tsx';

export function FixPanel() {
  const store = useStore();
  const state = store.fix.value;
  const selected = store.selected.value;
  const [message, copy] = useCopy();
  if (!state || !selected) return null;
  const { fix, detections, backend } = state;
  const best = detections.find((d) => d.backend === backend) ?? detections[0];
  const snippetText = fix ? fix.snippets.map((s) => s.code).join('\n\n') : '';
  const curl = curlCommands(selected.latest.record.observed, {
    includeSensitive: store.includeSensitive.value,
  });
  return (
    <section class="fix" aria-labelledby="fix-title">
      <h3 id="fix-title">Fix</h3>
      <p class="detected">
        {best ? (
          <>
            Detected <strong>{labelOf(store, best.backend)}</strong> ({best.confidence}) from{' '}
            <span class="mono">{best.evidence.join(', ')}</span>
          </>
        ) : (
          'No backend detected from the response headers.'
        )}
      </p>
      <label class="picker">
        Backend{' '}
        <select
          aria-describedby="fix-choice"
          value={backend}
          onChange={(e) => {
            store.actions.chooseBackend(state.apiOrigin, e.currentTarget.value as BackendId);
          }}
        >
          {store.backends.value.map((b) => (
            <option key={b.id} value={b.id}>
              {b.label}
            </option>
          ))}
        </select>
      </label>{' '}
      <span id="fix-choice" class="muted">
        {state.chosen
          ? `your choice for ${state.apiOrigin}`
          : `${best ? 'detected' : 'plain headers until you pick'}; a choice is remembered for ${state.apiOrigin}`}
      </span>
      {fix ? (
        <>
          <h4 class="fix-title">{fix.title}</h4>
          {state.facts ? <FixAssumptions facts={state.facts} apiOrigin={state.apiOrigin} /> : null}
          {fix.pitfall ? <p class="pitfall">{fix.pitfall}</p> : null}
          {fix.snippets.map((s, i) => (
            <div key={i} class="snippet-block">
              <p class="where">{s.where}</p>
              <Code code={s.code} language={s.language} />
            </div>
          ))}
          {fix.notes.length > 0 ? (
            <ul class="notes">
              {fix.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          ) : null}
          {fix.security.map((w) => (
            <p key={w.rule} class="security" role="note">
              ⚠ {w.message}
            </p>
          ))}
        </>
      ) : (
        <p class="muted">No server-side fix applies to this failure.</p>
      )}
      <div class="actions">
        <button
          type="button"
          data-testid="copy-fix"
          disabled={!fix}
          onClick={() => {
            copy(snippetText, 'Fix');
          }}
        >
          Copy fix
        </button>
        <CopyTestButton
          observed={selected.latest.record.observed}
          diagnosis={selected.latest.diagnosis}
          state={state}
          includeSensitive={store.includeSensitive.value}
          copy={copy}
        />
        <button
          type="button"
          data-testid="copy-curl"
          onClick={() => {
            copy(curl, 'cURL');
          }}
        >
          Copy as cURL
        </button>
        <span class="copy-status" role="status" aria-live="polite">
          {message}
        </span>
      </div>
      <details class="curl">
        <summary>cURL commands (preflight and request, with the page's Origin)</summary>
        <Code code={curl} language="shell" />
      </details>
    </section>
  );
}

const labelOf = (store: ReturnType<typeof useStore>, id: BackendId): string =>
  store.backends.value.find((b) => b.id === id)?.label ?? id;
