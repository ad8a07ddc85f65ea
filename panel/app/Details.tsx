// Details of the selected failure: the cause in plain words, the triage that matters more, the timeline, the
// offending headers, what the page and Chrome's console saw, the fix, and references. Text only: every string
// here may come from a server, so nothing is rendered as markup.
import type { Ref } from 'preact';
import { credentialsLabel } from '../../src/engine/credentials-basis.ts';
import { byOrigin } from '../../src/shared/model.ts';
import type { Group } from '../state/groups.ts';
import { useStore } from './context.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { FixPanel } from './FixPanel.tsx';
import { HeaderTable } from './HeaderTable.tsx';
import { Timeline } from './Timeline.tsx';

interface Props {
  group: Group;
  headingRef?: Ref<HTMLHeadingElement>;
}

export function Details({ group, headingRef }: Props) {
  const { record, diagnosis: d } = group.latest;
  const o = record.observed;
  const store = useStore();
  // Whose console the line is: a HAR file's exporting browser, else the one the panel runs in.
  const firefox = (store.har.shown.value?.profile ?? store.deps.engineBrowser) === 'firefox';
  return (
    <section class="details" data-testid="details" aria-labelledby="details-title">
      <h2 id="details-title" tabIndex={-1} ref={headingRef ?? null}>
        {d.headline}
      </h2>
      {d.triage ? (
        <p class="triage" role="note">
          {d.triage}
        </p>
      ) : null}
      <dl class="facts">
        <dt>Request</dt>
        <dd class="mono">
          {o.method} {o.url}
        </dd>
        <dt>From</dt>
        <dd class="mono">
          {o.pageOrigin}
          {byOrigin(record) ? (
            <span class="muted" data-testid="by-origin">
              {
                ' · a shared or service worker of this origin: Chrome names no tab for it, so every tab of this origin shows it'
              }
            </span>
          ) : null}
        </dd>
        <dt>Cause</dt>
        <dd class="mono">
          {d.code}
          {d.failedParameter ? ` (${d.failedParameter})` : ''}
          {d.stage ? ` · ${STAGE_TEXT[d.stage]}` : ''}
          {d.confirmedByChrome === undefined ? null : (
            <span class="confirmation" data-testid="confirmation">
              {d.confirmedByChrome
                ? ' · ✓ confirmed by Chrome'
                : " · Chrome's own verdict (the engine's differed)"}
            </span>
          )}
        </dd>
        <dt>Credentials</dt>
        <dd>{credentialsLabel(d.credentialsBasis, d.credentials)}</dd>
        {d.realStatus !== null ? (
          <>
            <dt>Real status</dt>
            <dd>{d.realStatus}</dd>
          </>
        ) : null}
        {group.count > 1 ? (
          <>
            <dt>Seen</dt>
            <dd>{group.count} times</dd>
          </>
        ) : null}
      </dl>
      <Timeline observed={o} diagnosis={d} />
      <HeaderTable offending={d.offending} />
      {record.pageError || record.callSite ? (
        <>
          <h3>What the page saw</h3>
          <p class="muted">Reported by the page itself (only the browser's own error text is accepted).</p>
          {record.pageError ? <pre class="code">{record.pageError.message}</pre> : null}
          {record.callSite ? (
            <p class="mono">
              {record.callSite.functionName || '(anonymous)'} at {record.callSite.url}:{record.callSite.line}:
              {record.callSite.column}
            </p>
          ) : null}
        </>
      ) : null}
      {d.consoleMessage ? (
        <>
          <h3>{firefox ? 'Firefox' : 'Chrome'} console</h3>
          <pre class="code console">{d.consoleMessage}</pre>
        </>
      ) : null}
      {d.hints.length > 0 ? (
        <>
          <h3>Also worth knowing</h3>
          <ul class="hints">
            {d.hints.map((h) => (
              <li key={h.code} class={`hint ${h.severity}`}>
                {h.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <FixPanel />
      {d.references.length > 0 ? (
        <>
          <h3>References</h3>
          <ul class="refs">
            {d.references.map((r) => (
              <li key={r.url}>
                <a href={safeHref(r.url)} target="_blank" rel="noreferrer noopener">
                  {r.title}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <ExportButtons scope="selected" label="Export this failure" />
    </section>
  );
}

const STAGE_TEXT = {
  request: 'before the request was sent',
  preflight: 'at the preflight',
  redirect: 'at a redirect',
  actual: 'at the actual request',
} as const;

/** Only http(s) links: a reference URL is data, and `javascript:` must never become a live link. */
export const safeHref = (url: string): string => (/^https?:\/\//i.test(url) ? url : '#');
