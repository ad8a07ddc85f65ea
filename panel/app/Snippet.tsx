// A highlighted code snippet: tokens from highlight.ts rendered as text spans (escaped by construction).
import { useMemo } from 'preact/hooks';
import { tokenize } from './highlight.ts';

export function Code({ code, language }: { code: string; language: string }) {
  const tokens = useMemo(() => tokenize(code, language), [code, language]);
  return (
    <pre class="code snippet" data-language={language}>
      <code>
        {tokens.map((t, i) =>
          t.type === 'plain' ? (
            t.text
          ) : (
            <span key={i} class={`tok-${t.type}`}>
              {t.text}
            </span>
          ),
        )}
      </code>
    </pre>
  );
}
