// The empty state's paste box: a CORS console line from Chrome, Firefox or Safari → the causes it leaves open and
// the `cors-lens check` command that settles which one it is (src/explain, the same code as `cors-lens explain`).
// Pasted text is hostile: it is bounded, parsed by the explain templates, and shown only as text nodes.
import { useMemo, useState } from 'preact/hooks';
import { explainConsole, MAX_EXPLAIN_CHARS } from '../../src/explain/explain.ts';

const BROWSER = { chrome: 'Chrome', firefox: 'Firefox', safari: 'Safari' } as const;

export function ExplainBox() {
  const [text, setText] = useState('');
  const result = useMemo(() => (text.trim() === '' ? undefined : explainConsole(text)), [text]);
  return (
    <section class="explain-box" data-testid="explain" aria-labelledby="explain-label">
      <label id="explain-label" for="explain-line">
        Or paste a CORS error from any browser’s console:
      </label>
      <textarea
        id="explain-line"
        rows={3}
        spellcheck={false}
        maxLength={MAX_EXPLAIN_CHARS}
        placeholder="Access to fetch at … has been blocked by CORS policy: …"
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
        }}
      />
      {result === null && (
        <p role="alert" data-testid="explain-error">
          Not a CORS message from Chrome, Firefox or Safari. Paste the whole red line from the console.
        </p>
      )}
      {result && (
        <div data-testid="explain-result" aria-live="polite">
          <p>
            {BROWSER[result.browser]}: {result.causes.length === 1 ? 'the cause' : 'one of these causes'}
          </p>
          <ul>
            {result.causes.map((c) => (
              <li key={c.code} data-code={c.code}>
                {c.headline}
              </li>
            ))}
          </ul>
          <p>To settle it, run:</p>
          <pre class="snippet" data-testid="explain-command">
            {result.next.command}
          </pre>
          {result.next.notes.map((n) => (
            <p key={n} class="muted">
              {n}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}
