// "Open HAR…": picks a HAR file (from Chrome's, Edge's or Firefox's network panel, or any HAR 1.2 tool) and hands
// it to the store, which diagnoses it like live capture. The input is reset through its form so that the same
// file can be opened again after going back to live capture.
import { useRef } from 'preact/hooks';
import { HAR_LIMIT_MB } from '../state/har-file.ts';
import { useStore } from './context.ts';

export function HarOpenButton() {
  const store = useStore();
  const input = useRef<HTMLInputElement>(null);
  return (
    <form
      class="har-open"
      onSubmit={(e) => {
        e.preventDefault();
      }}
    >
      <button
        type="button"
        title={`Diagnose the CORS failures in a HAR file (up to ${HAR_LIMIT_MB} MB), or drop one on the panel`}
        onClick={() => input.current?.click()}
      >
        Open HAR…
      </button>
      <input
        ref={input}
        type="file"
        accept=".har,application/json"
        class="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="har-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.form?.reset();
          if (file) void store.actions.openHar(file);
        }}
      />
    </form>
  );
}
