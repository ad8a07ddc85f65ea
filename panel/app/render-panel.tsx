// Test helper: renders <App> on a fake channel with hand-written diagnoses and fake clipboard/download.
import { render } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { vi } from 'vitest';
import type { Diagnosis } from '../../src/engine/types.ts';
import type { ExchangeRecord } from '../../src/shared/model.ts';
import type { PanelDeps } from '../state/deps.ts';
import type { ExportFile } from '../state/exporter.ts';
import { createPanelStore } from '../state/store.ts';
import { fakeChannel, fakeDeps, flush, snapshot } from '../test-support.ts';
import { App } from './App.tsx';

export async function renderPanel(
  records: ExchangeRecord[],
  byPath: Record<string, Diagnosis> = {},
  over: Partial<PanelDeps> = {},
  grantPrecise = true,
) {
  const fake = fakeChannel();
  const store = createPanelStore(fake.channel, 7, fakeDeps(byPath, over));
  const copied: string[] = [];
  const downloads: ExportFile[] = [];
  const platform = {
    copy: vi.fn((text: string) => {
      copied.push(text);
      return Promise.resolve(true);
    }),
    download: vi.fn((f: ExportFile) => downloads.push(f)),
    requestPrecise: vi.fn(() => Promise.resolve(grantPrecise)),
    setAllTabs: vi.fn((on: boolean) => Promise.resolve(on)),
  };
  const view = render(<App store={store} platform={platform} />);
  await act(async () => {
    fake.emit(snapshot(records));
    // Large snapshots are published in slices, one per task.
    for (let i = 0; i < 50 && store.records.value.length < records.length; i++) await flush();
  });
  return { ...view, fake, store, platform, copied, downloads };
}

/** Runs an action and lets signals, microtasks and effects settle. */
export async function settle(fn: () => void = () => undefined): Promise<void> {
  await act(async () => {
    fn();
    await flush();
  });
}

/** The i-th visible row; throws (failing the test) when it is not rendered. */
export function rowAt(i: number): HTMLElement {
  const row = document.querySelectorAll<HTMLElement>('[data-testid="row"]')[i];
  if (!row) throw new Error(`no row ${i}`);
  return row;
}
