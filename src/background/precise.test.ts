import { describe, expect, it } from 'vitest';
import type { DebuggerApi } from '../platform/debugger.ts';
import type { PreciseState } from '../shared/protocol.ts';
import { createPrecise, type ChromeVerdict } from './precise.ts';

function fakeDebugger(
  opts: { available?: boolean; attachedBefore?: number[]; otherDebugger?: number[] } = {},
) {
  const ours = new Set(opts.attachedBefore ?? []);
  const calls: string[] = [];
  const api: DebuggerApi = {
    available: () => opts.available ?? true,
    attach: (tabId) => {
      calls.push(`attach ${tabId}`);
      if (ours.has(tabId) || opts.otherDebugger?.includes(tabId))
        return Promise.reject(new Error('Another debugger is already attached'));
      ours.add(tabId);
      return Promise.resolve();
    },
    detach: (tabId) => {
      calls.push(`detach ${tabId}`);
      ours.delete(tabId);
      return Promise.resolve();
    },
    send: (tabId, method) => {
      calls.push(`${method} ${tabId}`);
      return ours.has(tabId) ? Promise.resolve({}) : Promise.reject(new Error('Debugger is not attached'));
    },
    attachedTabs: () => Promise.resolve([...ours, ...(opts.otherDebugger ?? [])]),
    listen: () => undefined,
  };
  return { api, calls };
}

function setup(opts: Parameters<typeof fakeDebugger>[0] = {}) {
  const { api, calls } = fakeDebugger(opts);
  const states: [number, PreciseState][] = [];
  const verdicts: ChromeVerdict[] = [];
  const precise = createPrecise({
    api,
    onVerdict: (_, v) => verdicts.push(v),
    onState: (t, s) => states.push([t, s]),
  });
  return { precise, calls, states, verdicts };
}

describe('precise mode', () => {
  it('reports denied without the optional permission', async () => {
    const { precise, states } = setup({ available: false });
    await precise.start(1);
    expect(states).toEqual([[1, 'denied']]);
  });

  it('attaches, enables Network and Audits, and detaches when stopped', async () => {
    const { precise, calls, states } = setup();
    await precise.start(1);
    expect(precise.isOn(1)).toBe(true);
    await precise.stop(1);
    expect(calls).toEqual(['attach 1', 'Network.enable 1', 'Audits.enable 1', 'detach 1']);
    expect(states.map(([, s]) => s)).toEqual(['attaching', 'on', 'off']);
  });

  it('reports an error when another debugger holds the tab', async () => {
    const { precise, states } = setup({ otherDebugger: [1] });
    await precise.start(1);
    expect(states.at(-1)).toEqual([1, 'error']);
  });

  it('after a worker restart finds its own session instead of attaching again', async () => {
    const { precise, calls } = setup({ attachedBefore: [1], otherDebugger: [2] });
    await precise.resume([1, 2]);
    expect(precise.isOn(1)).toBe(true);
    expect(precise.isOn(2)).toBe(false);
    expect(calls.some((c) => c.startsWith('attach'))).toBe(false);
  });

  it('turns loadingFailed corsErrorStatus and Audits CorsIssues into verdicts by URL', () => {
    const { precise, verdicts } = setup();
    precise.event(1, 'Network.requestWillBeSent', { requestId: 'r1', request: { url: 'http://api/a' } });
    precise.event(1, 'Network.loadingFailed', {
      requestId: 'r1',
      errorText: 'net::ERR_FAILED',
      corsErrorStatus: { corsError: 'MissingAllowOriginHeader', failedParameter: '' },
    });
    precise.event(1, 'Network.loadingFailed', { requestId: 'r2', errorText: 'net::ERR_CONNECTION_REFUSED' });
    precise.event(1, 'Audits.issueAdded', {
      issue: {
        code: 'CorsIssue',
        details: {
          corsIssueDetails: {
            request: { url: 'http://api/b' },
            corsErrorStatus: { corsError: 'AllowOriginMismatch', failedParameter: 'http://evil' },
          },
        },
      },
    });
    precise.event(1, 'Audits.issueAdded', { issue: { code: 'DeprecationIssue', details: {} } });
    expect(verdicts).toEqual([
      { url: 'http://api/a', corsError: 'MissingAllowOriginHeader', failedParameter: '' },
      { url: 'http://api/b', corsError: 'AllowOriginMismatch', failedParameter: 'http://evil' },
    ]);
  });
});
