// What components read: the store (read-only signals + actions) and the platform services the entry file wires
// (clipboard, downloads), provided through context so tests hand in fakes.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PanelStore } from '../state/store.ts';
import type { ExportFile } from '../state/exporter.ts';

export interface PanelPlatform {
  /** Resolves whether the text reached the clipboard. */
  copy(text: string): Promise<boolean>;
  download(file: ExportFile): void;
  /** Asks for the optional `debugger` permission; must run inside the click handler (user gesture). */
  requestPrecise(): Promise<boolean>;
  /** Asks for (true) or gives back (false) what "Record all tabs" needs: the optional `webRequest` and host access
   * to all sites (src/shared/permissions.ts); resolves whether they are now held. Must run inside the click handler. */
  setAllTabs(on: boolean): Promise<boolean>;
}

export const StoreContext = createContext<PanelStore | null>(null);
export const PlatformContext = createContext<PanelPlatform | null>(null);

export function useStore(): PanelStore {
  const s = useContext(StoreContext);
  if (!s) throw new Error('StoreContext missing: render inside <App>');
  return s;
}

export function usePlatform(): PanelPlatform {
  const p = useContext(PlatformContext);
  if (!p) throw new Error('PlatformContext missing: render inside <App>');
  return p;
}
