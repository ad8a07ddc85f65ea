// The decisive headers: what the browser sent, what it required, what the server answered. A value that differs
// from the requirement is highlighted (colour plus a text marker, so it does not rely on colour alone).
import type { OffendingHeader } from '../../src/engine/types.ts';

export function HeaderTable({ offending }: { offending: readonly OffendingHeader[] }) {
  if (offending.length === 0) return null;
  return (
    <>
      <h3>Headers</h3>
      <table class="headers">
        <thead>
          <tr>
            <th scope="col">Header</th>
            <th scope="col">Sent</th>
            <th scope="col">Required</th>
            <th scope="col">Answered</th>
          </tr>
        </thead>
        <tbody>
          {offending.map((h, i) => (
            <tr key={i}>
              <th scope="row" class="mono">
                {h.name}
              </th>
              <td class="mono">{h.sent ?? '—'}</td>
              <td class="mono">{h.required ?? '—'}</td>
              <td class="mono offending">
                {h.answered ?? <em>(absent)</em>}
                <span class="marker" aria-label="offending value">
                  {' '}
                  ✗
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
