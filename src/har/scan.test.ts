// The streaming HAR reader: the same entries whatever the chunking, bounded values, and clear errors for what is
// not a HAR file.
import { describe, expect, it } from 'vitest';
import { createHarScanner, type HarEvent } from './scan.ts';

const har = JSON.stringify({
  log: {
    version: '1.2',
    creator: { name: 'WebInspector', version: '537.36' },
    pages: [{ id: 'page_1', title: 'http://localhost:3000/' }],
    entries: [
      { request: { url: 'http://a/"]}{', headers: [] }, response: { content: { text: 'x\\"}]' } } },
      { request: { url: 'http://b/' }, n: [1, 2, { a: null }] },
    ],
  },
  extra: { entries: [{ not: 'these' }] },
});

function scan(chunks: string[], max?: number): HarEvent[] {
  const s = createHarScanner(max);
  const out = chunks.flatMap((c) => s.write(c));
  s.end();
  return out;
}

describe('createHarScanner', () => {
  it('reads every entry and the log members, split at any position', () => {
    const whole = scan([har]);
    expect(whole.filter((e) => e.type === 'entry').map((e) => e.value)).toEqual(
      (JSON.parse(har) as { log: { entries: unknown[] } }).log.entries,
    );
    expect(whole.flatMap((e) => (e.type === 'member' ? [e.key] : []))).toEqual([
      'version',
      'creator',
      'pages',
    ]);
    for (let i = 1; i < har.length; i++) expect(scan([har.slice(0, i), har.slice(i)])).toEqual(whole);
    expect(scan(har.split(''))).toEqual(whole);
  });

  it.each([
    ['', 'empty'],
    ['[1,2]', 'does not start with a JSON object'],
    ['{"log":{"entries":[{"a":1}', 'truncated'],
    ['{"log":{"pages":[]}}', 'no log.entries'],
    ['{"log":{"entries":[{"a":tru}]}}', 'log.entries[0] is not valid JSON'],
  ])('%j: %s', (text, message) => {
    expect(() => scan([text])).toThrow(message);
  });

  it('refuses an entry larger than the bound instead of growing', () => {
    expect(() => scan([`{"log":{"entries":[{"t":"${'x'.repeat(200)}"}]}}`], 100)).toThrow('larger than');
  });
});
