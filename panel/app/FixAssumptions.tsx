// What the snippet assumes, in one line, and how to change it: whether credentials are allowed (and which signal
// decided), the headers it exposes, and the rest of the API's route it covers. When no evidence decided the
// credentials, one plain question; the answer is remembered for the API origin and the fix regenerates.
import type { FixFacts } from '../../src/inference/fix-facts.ts';
import { useStore } from './context.ts';

export function FixAssumptions({ facts, apiOrigin }: { facts: FixFacts; apiOrigin: string }) {
  const store = useStore();
  const c = facts.credentials;
  const route = facts.route;
  const parts = [
    `${c.allow ? 'credentials allowed for this page only' : 'no credentials'} (${c.signal})`,
    facts.reads.names.length > 0
      ? `exposes ${facts.reads.names.join(', ')} (${facts.reads.signal})`
      : `exposes no header (${facts.reads.signal})`,
    ...(route
      ? [
          `also covers ${[...route.methods, ...route.headers].join(', ')}, seen in ${route.requests} other request${route.requests === 1 ? '' : 's'} to ${apiOrigin}`,
        ]
      : []),
  ];
  const answer = (sends: boolean | null) => () => {
    store.actions.answerCredentials(apiOrigin, sends);
  };
  return (
    <div class="assumptions" data-testid="fix-assumptions">
      <p>
        <strong>Assumes:</strong> {parts.join('; ')}.
      </p>
      {c.basis === 'evidence' ? null : (
        <p class="question" role="group" aria-label="Credentials">
          Does this call send cookies or an Authorization header?{' '}
          <button
            type="button"
            data-testid="creds-yes"
            aria-pressed={c.basis === 'answer' && c.allow}
            onClick={answer(true)}
          >
            Yes
          </button>{' '}
          <button
            type="button"
            data-testid="creds-no"
            aria-pressed={c.basis === 'answer' && !c.allow}
            onClick={answer(false)}
          >
            No
          </button>
          {c.basis === 'answer' ? (
            <>
              {' '}
              <button type="button" class="link" onClick={answer(null)}>
                Not sure
              </button>
            </>
          ) : null}{' '}
          <span class="muted">remembered for {apiOrigin}</span>
        </p>
      )}
    </div>
  );
}
