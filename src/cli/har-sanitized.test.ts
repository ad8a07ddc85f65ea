// A HAR with a credentialed call, as exported with sensitive data and as Chrome's default sanitized export writes it
// (test/support/har-sanitize.ts): with the Cookie, `cors-lens har` replays the call with credentials; without it,
// the report says the credentials mode is unknown and a note says why, instead of guessing either way.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CorsReport } from '../report/index.ts';
import { harEntry, harText } from '../../test/support/har-file.ts';
import { sanitizeLikeChrome } from '../../test/support/har-sanitize.ts';
import { main } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'cors-lens-sanitized-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function har(name: string, text: string): Promise<{ report: CorsReport; err: string }> {
  const file = join(dir, name);
  writeFileSync(file, text);
  let out = '';
  let err = '';
  const code = await main(['har', file, '--json'], { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  expect(code).toBe(1);
  return { report: JSON.parse(out) as CorsReport, err };
}

describe('cors-lens har on a sanitized Chrome export', () => {
  it('says credentials are unknown where the export removed the Cookie that told them', async () => {
    const entry = harEntry({
      path: '/me',
      chrome: true,
      requestHeaders: [{ name: 'Cookie', value: 'sid=s3cret' }],
      responseHeaders: [{ name: 'Set-Cookie', value: 'sid=rotated' }],
    });
    const full = JSON.parse(harText([entry], 'WebInspector')) as {
      log: Parameters<typeof sanitizeLikeChrome>[0];
    };
    const withData = await har('full.har', JSON.stringify(full));
    const sanitized = await har('sanitized.har', JSON.stringify({ log: sanitizeLikeChrome(full.log) }));

    expect(withData.report.failures.map((f) => [f.code, f.request.credentials])).toEqual([
      ['MissingAllowOriginHeader', 'include'],
    ]);
    expect(withData.err).toBe('');
    expect(sanitized.report.failures.map((f) => [f.code, f.request.credentials])).toEqual([
      ['MissingAllowOriginHeader', 'unknown'],
    ]);
    expect(sanitized.err).toContain(
      'No request in the file carries a Cookie or Authorization header: none was sent, or the export was sanitized. Whether a failing request carried credentials is unknown.',
    );
    expect(JSON.stringify(sanitized.report)).not.toContain('s3cret');
  });
});
