// Drag and drop of a HAR file anywhere on the panel: while files are dragged over it an overlay says what a drop
// does; the first dropped file goes to the store like one picked with "Open HAR…". Drags that carry no file
// (text, links) are left alone.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { HAR_LIMIT_MB } from '../state/har-file.ts';
import { useStore } from './context.ts';

const carriesFiles = (e: DragEvent): boolean => e.dataTransfer?.types.includes('Files') ?? false;

export function HarDrop({ children }: { children: ComponentChildren }) {
  const store = useStore();
  const [over, setOver] = useState(false);
  return (
    <div
      class="har-drop"
      data-testid="har-drop"
      onDragOver={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault(); // allows the drop
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (e.relatedTarget === null || !e.currentTarget.contains(e.relatedTarget as Node)) setOver(false);
      }}
      onDrop={(e) => {
        setOver(false);
        const file = e.dataTransfer?.files[0];
        if (!file) return;
        e.preventDefault(); // or the browser navigates to the file
        void store.actions.openHar(file);
      }}
    >
      {children}
      {over && (
        <div class="har-drop-overlay" aria-hidden="true">
          Drop a HAR file (up to {HAR_LIMIT_MB} MB) to diagnose its CORS failures
        </div>
      )}
    </div>
  );
}
