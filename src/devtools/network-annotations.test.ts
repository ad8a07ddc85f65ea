import { describe, expect, it } from 'vitest';
import { callSiteOf, toAnnotation, type HarEntryLike } from './network-annotations.ts';

const entry = (over: Partial<HarEntryLike> = {}): HarEntryLike => ({
  startedDateTime: '2026-01-01T00:00:00.000Z',
  request: {
    method: 'GET',
    url: 'http://127.0.0.1:8000/a',
    headers: [{ name: 'Origin', value: 'http://localhost:3000' }],
  },
  response: { status: 200, _error: 'net::ERR_FAILED', headers: [] },
  _resourceType: 'fetch',
  _initiator: {
    type: 'script',
    stack: {
      callFrames: [
        { functionName: 'load', url: 'http://localhost:3000/app.js', lineNumber: 9, columnNumber: 4 },
      ],
    },
  },
  ...over,
});

describe('DevTools network annotations', () => {
  it('take the call site from the initiator stack, 1-based, following async parents', () => {
    expect(callSiteOf(entry()._initiator?.stack)).toEqual({
      url: 'http://localhost:3000/app.js',
      line: 10,
      column: 5,
      functionName: 'load',
    });
    expect(
      callSiteOf({
        callFrames: [],
        parent: { callFrames: [{ url: 'http://x/y.js', lineNumber: 0, columnNumber: 0 }] },
      })?.url,
    ).toBe('http://x/y.js');
    expect(callSiteOf(undefined)).toBeNull();
  });

  it('annotate failed fetch/XHR entries with evidence, redirects without, and skip the rest', () => {
    const a = toAnnotation(3, entry());
    expect(a).toMatchObject({
      type: 'annotate',
      tabId: 3,
      status: 200,
      kind: 'fetch',
      startedAt: Date.parse('2026-01-01T00:00:00.000Z'),
      evidence: { error: 'net::ERR_FAILED' },
    });
    expect(toAnnotation(3, entry({ response: { status: 302, _error: null } }))?.evidence).toBeUndefined();
    expect(
      toAnnotation(3, entry({ response: { status: 200, _error: 'net::ERR_ABORTED' } }))?.evidence,
    ).toBeUndefined();
    expect(toAnnotation(3, entry({ response: { status: 200, _error: null } }))).toBeNull();
    expect(toAnnotation(3, entry({ _resourceType: 'preflight' }))).toBeNull();
    expect(toAnnotation(3, entry({ _resourceType: 'xhr' }))?.kind).toBe('xhr');
  });
});
