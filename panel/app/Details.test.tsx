// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import type { ObservedHop } from '../../src/engine/types.ts';
import { describe, expect, it } from 'vitest';
import { API, PAGE, diag, rec } from '../test-support.ts';
import { renderPanel, rowAt, settle } from './render-panel.tsx';

const EVIL = '<img src=x onerror="window.pwned=1">';

async function openFirst(...args: Parameters<typeof renderPanel>) {
  const r = await renderPanel(...args);
  await settle(() => fireEvent.mouseDown(rowAt(0)));
  return { ...r, details: screen.getByTestId('details') };
}

describe('<Details>', () => {
  it('leads with the headline and the triage that matters more than the CORS error', async () => {
    const { details } = await openFirst([rec('1', 'GET /boom', { status: 500 })], {
      '/boom': diag({
        code: 'server-error-without-cors',
        verdict: 'not-cors',
        realStatus: 500,
        headline: `The API at ${API} answered 500`,
        triage: 'This is really a 500 from your server: its error response carries no CORS headers',
      }),
    });
    expect(within(details).getByRole('heading', { level: 2 }).textContent).toBe(
      `The API at ${API} answered 500`,
    );
    expect(within(details).getByRole('note').textContent).toMatch(/really a 500/);
    expect(details.textContent).toContain('Real status500');
  });

  it('shows the timeline preflight → redirect → request, marking where it was blocked', async () => {
    const r = rec('1', 'PUT /items', {
      preflight: { status: 204, headers: { 'access-control-allow-methods': 'GET' } },
    });
    const redirect = {
      ...(r.observed.hops[0] as ObservedHop),
      status: 307,
      responseHeaders: { location: `${API}/items/` },
    };
    r.observed = { ...r.observed, hops: [redirect, ...r.observed.hops] };
    const { details } = await openFirst([r], {
      '/items': diag({ stage: 'preflight', code: 'MethodDisallowedByPreflightResponse' }),
    });
    const steps = within(details)
      .getAllByRole('listitem')
      .filter((li) => li.closest('.timeline'));
    expect(steps.map((s) => s.querySelector('.step')?.textContent)).toEqual([
      'Preflight',
      'Redirect 1',
      'Request',
    ]);
    expect(steps[0]?.className).toBe('failed');
    expect(steps[0]?.textContent).toContain('blocked here');
    expect(steps[1]?.textContent).toContain('307');
  });

  it('tabulates sent / required / answered and highlights the offending value', async () => {
    const { details } = await openFirst([rec('1', 'GET /a')], {
      '/a': diag({
        code: 'AllowOriginMismatch',
        offending: [
          {
            name: 'access-control-allow-origin',
            sent: PAGE,
            required: PAGE,
            answered: 'http://evil.example',
          },
        ],
      }),
    });
    const table = within(details).getByRole('table');
    const cells = within(table).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual([PAGE, PAGE, 'http://evil.example ✗']);
    expect(cells[2]?.className).toContain('offending');
  });

  it("shows the page's error with its call site and Chrome's console line", async () => {
    const r = {
      ...rec('1', 'GET /a'),
      pageError: { message: 'TypeError: Failed to fetch', stack: '' },
      callSite: { url: `${PAGE}/app.js`, line: 12, column: 5, functionName: 'load' },
    };
    const { details } = await openFirst([r]);
    expect(details.textContent).toContain('TypeError: Failed to fetch');
    expect(details.textContent).toContain(`load at ${PAGE}/app.js:12:5`);
    expect(details.textContent).toContain("No 'Access-Control-Allow-Origin' header is present");
  });

  it('renders server-supplied strings as text, and only http(s) references as links', async () => {
    const { details } = await openFirst([rec('1', 'GET /a', { responseHeaders: { 'x-evil': EVIL } })], {
      '/a': diag({
        headline: EVIL,
        offending: [{ name: 'access-control-allow-origin', sent: null, required: PAGE, answered: EVIL }],
        references: [
          { title: 'MDN', url: 'https://developer.mozilla.org/x' },
          { title: 'bad', url: 'javascript:alert(1)' },
        ],
      }),
    });
    expect(details.querySelector('img')).toBeNull();
    expect(within(details).getByRole('heading', { level: 2 }).textContent).toBe(EVIL);
    const links = within(details).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://developer.mozilla.org/x', '#']);
  });

  it("says when precise mode confirmed the verdict with Chrome's own", async () => {
    const { details } = await openFirst([rec('1', 'GET /a')], { '/a': diag({ confirmedByChrome: true }) });
    expect(within(details).getByTestId('confirmation').textContent).toContain('confirmed by Chrome');
  });

  it('exports the selected failure only', async () => {
    const { downloads } = await openFirst([rec('1', 'GET /a'), rec('2', 'GET /b')]);
    await settle(() => fireEvent.click(screen.getByTestId('export-selected-json')));
    const report = JSON.parse(downloads[0]?.text ?? '{}') as { failures: { request: { url: string } }[] };
    expect(report.failures.map((f) => f.request.url)).toEqual([`${API}/a`]);
  });
});
