// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { PAGE, diag, fakeFix, fakeFixes, rec } from '../test-support.ts';
import { renderPanel, rowAt, settle } from './render-panel.tsx';

async function openFix(...args: Parameters<typeof renderPanel>) {
  const r = await renderPanel(...args);
  await settle(() => fireEvent.mouseDown(rowAt(0)));
  return { ...r, fix: screen.getByRole('region', { name: 'Fix' }) };
}

describe('<FixPanel>', () => {
  it('names the detected backend with its evidence and shows the tailored snippet, highlighted', async () => {
    const { fix } = await openFix([rec('1', 'GET /a')]);
    expect(fix.textContent).toContain('Detected FastAPI (high) from server: uvicorn');
    expect(fix.textContent).toContain('main.py, right after `app = FastAPI()`');
    const code = fix.querySelector('pre.snippet code');
    expect(code?.textContent).toBe(
      `app.add_middleware(CORSMiddleware, allow_origins=["${PAGE}"])  # exact origin`,
    );
    expect(code?.querySelector('.tok-string')?.textContent).toBe(`"${PAGE}"`);
    expect(code?.querySelector('.tok-comment')?.textContent).toBe('# exact origin');
  });

  it('offers every backend and regenerates the fix for the one picked', async () => {
    const { fix, store } = await openFix([rec('1', 'GET /a')]);
    const picker = within(fix).getByRole('combobox');
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['FastAPI', 'Express', 'Any server (headers)']);
    await settle(() => {
      (picker as HTMLSelectElement).value = 'express';
      // A native event: @testing-library/dom's fireEvent.change does not reach a <select> under happy-dom 21.
      picker.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(store.fix.value?.backend).toBe('express');
    expect(within(fix).getByRole('combobox').getAttribute('aria-describedby')).toBe('fix-choice');
    expect(document.getElementById('fix-choice')?.textContent).toBe('your choice for http://localhost:8000');
    expect(screen.getByRole('region', { name: 'Fix' }).textContent).toContain('express CORS');
  });

  it('copies the snippet and the cURL replay of preflight + request with the real Origin', async () => {
    const r = rec('1', 'PUT /a', {
      requestHeaders: { authorization: 'Bearer sk-live-SECRET0123456789abcdef' },
      preflight: { status: 204, headers: {} },
    });
    const { fix, copied } = await openFix([r], { '/a': diag({ stage: 'preflight' }) });
    await settle(() => fireEvent.click(within(fix).getByRole('button', { name: 'Copy fix' })));
    await settle(() => fireEvent.click(within(fix).getByRole('button', { name: 'Copy as cURL' })));
    expect(copied[0]).toBe(fakeFix('fastapi').snippets[0]?.code);
    expect(copied[1]).toContain("curl -i -X OPTIONS 'http://localhost:8000/a'");
    expect(copied[1]).toContain(`-H 'origin: ${PAGE}'`);
    expect(copied[1]).toContain("-H 'access-control-request-method: PUT'");
    expect(copied[1]).toContain("curl -i -X PUT 'http://localhost:8000/a'");
    expect(copied[1]).toContain("-H 'authorization: Bearer [REDACTED]'");
    expect(within(fix).getByRole('status').textContent).toBe('cURL copied');
  });

  it('shows security findings, and says so when no server fix applies', async () => {
    const warned = {
      ...fakeFix('fastapi'),
      security: [{ rule: 'reflect-any-origin' as const, message: 'Reflects any origin with credentials' }],
    };
    const { fix } = await openFix([rec('1', 'GET /a')], {}, { fixes: fakeFixes({ fixFor: () => warned }) });
    expect(within(fix).getByRole('note').textContent).toContain('Reflects any origin');
  });

  it('says so when no server fix applies', async () => {
    const { fix } = await openFix([rec('2', 'GET /dns')], {}, { fixes: fakeFixes({ fixFor: () => null }) });
    expect(fix.textContent).toContain('No server-side fix applies');
    expect(within(fix).getByRole('button', { name: 'Copy fix' })).toHaveProperty('disabled', true);
  });
});
