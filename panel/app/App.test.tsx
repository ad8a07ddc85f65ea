// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { ALLOWED, API, diag, rec } from '../test-support.ts';
import { EMPTY_TEXT } from './App.tsx';
import { renderPanel, rowAt, settle } from './render-panel.tsx';

const rows = () => screen.queryAllByTestId('row');

describe('<App>: list', () => {
  it('shows what to do while there is nothing to show', async () => {
    const { fake } = await renderPanel([]);
    expect(screen.getByTestId('empty').textContent).toBe(EMPTY_TEXT);
    await settle(() => {
      fake.setState('connected');
    });
    expect(screen.getByTestId('connection').textContent).toBe('Recording');
  });

  it('renders one row per endpoint + cause with method, full URL, "CORS error" with the real status, cause and count', async () => {
    await renderPanel(
      [rec('1', 'GET /items?page=1'), rec('2', 'GET /items?page=2'), rec('3', 'POST /boom')],
      { '/boom': diag({ code: 'server-error-without-cors', verdict: 'not-cors', realStatus: 500 }) },
    );
    expect(rows()).toHaveLength(2);
    const [first, second] = rows();
    expect(first?.textContent).toContain('GET');
    expect(first?.textContent).toContain(`${API}/items?page=2`);
    expect(first?.textContent).toContain('MissingAllowOriginHeader');
    expect(first?.textContent).toContain('×2');
    expect(within(rowAt(0)).getByText(API).className).toBe('origin');
    expect(second?.textContent).toMatch(/CORS error \(500\)/);
    expect(second?.textContent).toContain('server-error-without-cors');
  });

  it('virtualizes: 10 000 failures put only a screenful of rows in the DOM', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => rec(String(i), `GET /r/${i}`));
    await renderPanel(many);
    expect(rows().length).toBeGreaterThan(10);
    expect(rows().length).toBeLessThan(100);
    expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('10001');
    const body = document.querySelector('.list-body') as HTMLElement;
    await settle(() => {
      body.scrollTop = 5000 * 22;
      body.dispatchEvent(new Event('scroll'));
    });
    const shown = rows().map((r) => Number(r.getAttribute('aria-rowindex')) - 2);
    expect(shown).toContain(5000);
    expect(shown.length).toBeLessThan(100);
    expect(rowAt(0).style.top).toBe(`${(shown[0] ?? -1) * 22}px`);
  });

  it('filters, switches to all cross-origin requests, and clears', async () => {
    const { fake } = await renderPanel([rec('1', 'GET /a'), rec('2', 'PUT /b'), rec('3', 'GET /ok')], {
      '/ok': ALLOWED,
    });
    expect(rows()).toHaveLength(2);
    await settle(() => fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'put' } }));
    expect(rows().map((r) => r.textContent)).toEqual([expect.stringContaining('/b')]);
    expect(screen.getByTestId('counts').textContent).toBe('1 shown · 3 requests recorded');
    await settle(() =>
      fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'nothing-matches' } }),
    );
    expect(screen.getByTestId('empty').textContent).toContain('No failures match');
    await settle(() => fireEvent.input(screen.getByRole('searchbox'), { target: { value: '' } }));
    await settle(() => fireEvent.click(screen.getByLabelText('All cross-origin')));
    expect(rows()).toHaveLength(3);
    await settle(() => fireEvent.click(screen.getByLabelText('Preserve log')));
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Clear' })));
    expect(rows()).toHaveLength(0);
    expect(fake.sent.map((c) => c.type)).toEqual(['set-preserve-log', 'clear']);
  });

  it("shows each row's kind and narrows the list to one kind from the keyboard-operable filter", async () => {
    await renderPanel([
      rec('1', 'GET /f.woff2', { kind: 'font' }),
      rec('2', 'GET /app.js', { kind: 'script' }),
      rec('3', 'POST /api'),
      rec('4', 'GET /b.js', { kind: 'script' }),
    ]);
    expect(screen.getByRole('columnheader', { name: 'Kind' })).toBeTruthy();
    expect(screen.getAllByTestId('kind').map((c) => c.textContent)).toEqual([
      'font',
      'script',
      'fetch',
      'script',
    ]);
    expect(screen.getAllByTestId('kind')[0]?.title).toBe('A web font (@font-face, or a font preload)');
    const filter = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Filter by kind' });
    expect([...filter.options].map((o) => o.textContent)).toEqual([
      'All kinds',
      'fetch (1)',
      'font (1)',
      'script (2)',
    ]);
    const choose = (value: string) =>
      settle(() => {
        filter.value = value;
        // A native event: fireEvent.change does not reach a <select> under happy-dom 21.
        filter.dispatchEvent(new Event('change', { bubbles: true }));
      });
    await choose('script');
    expect(rows().map((r) => r.textContent)).toEqual([
      expect.stringContaining('/app.js'),
      expect.stringContaining('/b.js'),
    ]);
    expect(screen.getByTestId('counts').textContent).toBe('2 shown · 4 requests recorded');
    await choose('all');
    expect(rows()).toHaveLength(4);
  });

  it('is fully keyboard-driven: arrows select, Enter opens the details, Ctrl+C copies the fix', async () => {
    const { copied } = await renderPanel([rec('1', 'GET /a'), rec('2', 'GET /b'), rec('3', 'GET /c')]);
    const grid = screen.getByRole('grid');
    grid.focus();
    await settle(() => fireEvent.keyDown(grid, { key: 'ArrowDown' }));
    await settle(() => fireEvent.keyDown(grid, { key: 'ArrowDown' }));
    expect(rows()[1]?.getAttribute('aria-selected')).toBe('true');
    expect(grid.getAttribute('aria-activedescendant')).toBe('row-1');
    expect(screen.getByTestId('details').textContent).toContain(`${API}/b`);
    await settle(() => fireEvent.keyDown(grid, { key: 'End' }));
    expect(rows()[2]?.getAttribute('aria-selected')).toBe('true');
    await settle(() => fireEvent.keyDown(grid, { key: 'Home' }));
    await settle(() => fireEvent.keyDown(grid, { key: 'c', ctrlKey: true }));
    expect(copied).toEqual([expect.stringContaining('CORSMiddleware')]);
    await settle(() => fireEvent.keyDown(grid, { key: 'Enter' }));
    expect(document.activeElement?.id).toBe('details-title');
    await settle(() => fireEvent.keyDown(screen.getByTestId('details'), { key: 'Escape' }));
    expect(document.activeElement).toBe(grid);
  });

  it('selects a row on click', async () => {
    await renderPanel([rec('1', 'GET /a'), rec('2', 'GET /b')]);
    await settle(() => fireEvent.mouseDown(rowAt(1)));
    expect(screen.getByTestId('details').textContent).toContain(`${API}/b`);
  });

  it('exports all failures as JSON and Markdown, redacted unless the user opts in', async () => {
    const { downloads } = await renderPanel([
      rec('1', 'GET /a', { requestHeaders: { authorization: 'Bearer sk-live-SECRET0123456789abcdef' } }),
    ]);
    await settle(() => fireEvent.click(screen.getByTestId('export-all-json')));
    await settle(() => fireEvent.click(screen.getByTestId('export-all-md')));
    expect(downloads.map((d) => d.mime)).toEqual(['application/json', 'text/markdown']);
    expect(downloads.every((d) => !d.text.includes('SECRET'))).toBe(true);
    await settle(() => fireEvent.click(screen.getByLabelText('Include sensitive values')));
    await settle(() => fireEvent.click(screen.getByTestId('export-all-json')));
    expect(downloads[2]?.text).toContain('sk-live-SECRET');
  });

  it("turns precise mode on only after the debugger permission is granted, and shows the worker's state", async () => {
    const { fake, platform } = await renderPanel([rec('1', 'GET /a')]);
    await settle(() => fireEvent.click(screen.getByLabelText("Chrome's verdict")));
    expect(platform.requestPrecise).toHaveBeenCalledTimes(1);
    expect(fake.sent).toEqual([{ type: 'set-precise', tabId: 7, value: true }]);
    expect(screen.getByText('attaching…')).toBeDefined();
    await settle(() => {
      fake.emit({ type: 'settings', tabId: 7, seq: 2, preserveLog: false, precise: 'on' });
    });
    expect(screen.getByLabelText("Chrome's verdict")).toHaveProperty('checked', true);
    await settle(() => fireEvent.click(screen.getByLabelText("Chrome's verdict")));
    expect(fake.sent.at(-1)).toEqual({ type: 'set-precise', tabId: 7, value: false });
  });

  it('"Record all tabs" asks for the webRequest permission, says a restart is needed, and follows the worker', async () => {
    const { fake, platform } = await renderPanel([rec('1', 'GET /a')]);
    const box = () => screen.getByLabelText('Record all tabs');
    expect(box()).toHaveProperty('checked', false);
    await settle(() => fireEvent.click(box()));
    expect(platform.setAllTabs).toHaveBeenCalledWith(true);
    expect(box()).toHaveProperty('checked', true);
    expect(screen.getByText('after a Chrome restart', { exact: false })).toBeDefined();
    expect(fake.sent).toEqual([]); // the worker learns of the grant from Chrome itself
    await settle(() => {
      fake.emit({ type: 'settings', tabId: 7, seq: 2, preserveLog: false, allTabs: 'on' });
    });
    expect(screen.queryByText('after a Chrome restart', { exact: false })).toBeNull();
    await settle(() => fireEvent.click(box()));
    expect(platform.setAllTabs).toHaveBeenLastCalledWith(false);
    expect(box()).toHaveProperty('checked', false);
  });

  it('says so when the user refuses the debugger permission, and sends nothing', async () => {
    const { fake } = await renderPanel([rec('1', 'GET /a')], {}, {}, false);
    await settle(() => fireEvent.click(screen.getByLabelText("Chrome's verdict")));
    expect(fake.sent).toEqual([]);
    expect(screen.getByText('permission refused')).toBeDefined();
  });

  it('shows a lost connection in a fixed slot, and the update case', async () => {
    const { fake } = await renderPanel([rec('1', 'GET /a')]);
    await settle(() => {
      fake.setState('reconnecting');
    });
    expect(screen.getByTestId('connection').textContent).toBe('Reconnecting…');
    await settle(() => {
      fake.setState('incompatible');
    });
    expect(screen.getByTestId('connection').textContent).toContain('reopen DevTools');
  });
});
