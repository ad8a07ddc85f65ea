// The exchange in order: preflight → redirect hops → the actual request, each with its status and headers
// (collapsed), and the step where the browser stopped marked.
import type { Diagnosis, HeaderMap, Observed, ObservedHop } from '../../src/engine/types.ts';

interface Step {
  label: string;
  hop: ObservedHop;
  failed: boolean;
}

export function stepsOf(o: Observed, d: Diagnosis): Step[] {
  const steps: Step[] = [];
  if (o.preflight) steps.push({ label: 'Preflight', hop: o.preflight, failed: d.stage === 'preflight' });
  o.hops.forEach((hop, i) => {
    const isLast = i === o.hops.length - 1;
    steps.push({
      label: isLast ? 'Request' : `Redirect ${i + 1}`,
      hop,
      failed: isLast ? d.stage === 'actual' || d.stage === 'request' : d.stage === 'redirect',
    });
  });
  return steps;
}

function Headers({ title, headers }: { title: string; headers: HeaderMap }) {
  const rows = Object.entries(headers).flatMap(([k, v]) =>
    typeof v === 'string' ? [[k, v]] : v.map((x) => [k, x]),
  );
  return (
    <div class="hop-headers">
      <h4>{title}</h4>
      {rows.length === 0 ? <p class="muted">none</p> : null}
      {rows.map(([k, v], i) => (
        <div key={i} class="mono kv">
          <span class="k">{k}:</span> {v}
        </div>
      ))}
    </div>
  );
}

export function Timeline({ observed, diagnosis }: { observed: Observed; diagnosis: Diagnosis }) {
  const steps = stepsOf(observed, diagnosis);
  return (
    <>
      <h3>Timeline</h3>
      {steps.length === 0 ? (
        <p class="muted">No response arrived ({observed.netError ?? 'no details'}).</p>
      ) : null}
      <ol class="timeline">
        {steps.map((s, i) => (
          <li key={i} class={s.failed ? 'failed' : ''}>
            <details>
              <summary>
                <span class="step">{s.label}</span> <span class="mono">{s.hop.method}</span>{' '}
                <span class="mono url">{s.hop.url}</span>{' '}
                <span class="mono">→ {s.hop.status === 0 ? 'no response' : s.hop.status}</span>
                {s.failed ? <span class="blocked"> blocked here</span> : null}
              </summary>
              <Headers title="Request headers" headers={s.hop.requestHeaders} />
              <Headers title="Response headers" headers={s.hop.responseHeaders} />
            </details>
          </li>
        ))}
      </ol>
    </>
  );
}
