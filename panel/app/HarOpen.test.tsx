// @vitest-environment happy-dom
// "Open HAR…" and drop, on the real HAR reader and the real engine: the file's failures replace the live rows under
// a banner naming the file; a bad file gives its error and changes nothing shown; Clear goes back to live capture
// without clearing the tab's records.
import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/engine/index.ts';
import { harEntry, harText } from '../../test/support/har-file.ts';
import { rec } from '../test-support.ts';
import { renderPanel, settle } from './render-panel.tsx';

const rows = () => screen.queryAllByTestId('row');
const harFile = (text: string, name = 'support.har') => new File([text], name, { type: 'application/json' });
const FILE = harText([
  harEntry({ path: '/from-file', chrome: true }),
  harEntry({ path: '/also-from-file', status: 500, chrome: true }),
]);

/** Lets the file stream through the reader (a few tasks). */
async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await settle();
  expect(check()).toBe(true);
}

describe('HAR file in the panel', () => {
  it('picked with Open HAR…: the file’s failures, marked as from the file; Clear goes back to live', async () => {
    const { fake } = await renderPanel([rec('1', 'GET /live')], {}, { diagnose });
    expect(rows()).toHaveLength(1);
    const input = screen.getByTestId<HTMLInputElement>('har-input');
    Object.defineProperty(input, 'files', { value: [harFile(FILE)], configurable: true });
    await settle(() => fireEvent.change(input));
    await waitFor(() => screen.queryByTestId('har-shown') !== null);
    expect(screen.getByTestId('har-name').textContent).toBe('support.har');
    const text = rows().map((r) => r.textContent);
    expect(text).toHaveLength(2);
    expect(text.some((t) => t.includes('/from-file') && t.includes('MissingAllowOriginHeader'))).toBe(true);
    expect(text.some((t) => t.includes('/also-from-file'))).toBe(true);
    expect(screen.getByTestId('counts').textContent).toContain('requests from support.har');
    // The file's browser is whose console the line is, not the one the panel runs in.
    await settle(() => fireEvent.mouseDown(rows()[0] ?? document.body));
    expect(screen.getByRole('heading', { name: 'Firefox console' }).nextElementSibling?.textContent).toMatch(
      /^Cross-Origin Request Blocked/,
    );
    expect(screen.getAllByTestId('har-note').map((n) => n.textContent)).toEqual([
      expect.stringContaining("engine's Firefox profile") as string,
      expect.stringContaining('credentials') as string,
    ]);

    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Clear' })));
    expect(screen.queryByTestId('har-shown')).toBeNull();
    expect(rows()).toHaveLength(1); // the live record, not cleared
    expect(fake.sent.filter((c) => c.type === 'clear')).toEqual([]);
  });

  it('dropped: the same; then a bad file is refused with its reason and the file shown stays', async () => {
    await renderPanel([], {}, { diagnose });
    const target = screen.getByTestId('har-drop');
    // happy-dom's DragEvent drops testing-library's dataTransfer: a plain event carries it (e2e uses a real one).
    const drop = (file: File) =>
      settle(() => {
        const ev = new Event('drop', { bubbles: true, cancelable: true });
        Object.defineProperty(ev, 'dataTransfer', { value: { files: [file], types: ['Files'] } });
        target.dispatchEvent(ev);
      });
    await drop(harFile(FILE, 'dropped.har'));
    await waitFor(() => screen.queryByTestId('har-shown') !== null);
    expect(rows()).toHaveLength(2);

    await drop(harFile(FILE.slice(0, 200), 'cut.har'));
    await waitFor(() => screen.queryByTestId('har-error') !== null);
    expect(screen.getByTestId('har-error').textContent).toContain(
      'Could not open cut.har: the HAR file is truncated (its JSON does not close). Nothing shown was changed.',
    );
    expect(screen.getByTestId('har-name').textContent).toBe('dropped.har');
    expect(rows()).toHaveLength(2);
  });

  it('refuses a file over the size limit before reading it', async () => {
    await renderPanel([rec('1', 'GET /live')], {}, { diagnose });
    const big = { name: 'big.har', size: 101 * 1024 * 1024, stream: () => new ReadableStream<Uint8Array>() };
    const input = screen.getByTestId<HTMLInputElement>('har-input');
    Object.defineProperty(input, 'files', { value: [big], configurable: true });
    await settle(() => fireEvent.change(input));
    expect(screen.getByTestId('har-error').textContent).toContain(
      'it is 101 MB, and the panel opens HAR files up to 100 MB',
    );
    expect(rows()).toHaveLength(1);
  });
});
