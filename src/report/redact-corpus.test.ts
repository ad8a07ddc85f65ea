// The redaction corpus: one row per way a secret reaches an export. Each row names where the secret travels, the
// input, the secret that must be gone and the evidence that must stay. Add a row for every new case.
import { describe, expect, it } from 'vitest';
import { redactHeaderValue, redactText, redactUrl } from './redact.ts';

type Where = 'url' | 'text' | { header: string };
const CORPUS: [string, Where, string, string, string][] = [
  // [case, where, input, secret, kept]
  ['query param', 'url', 'http://a.b/p?token=s3cr3tTok&page=2', 's3cr3tTok', 'page=2'],
  [
    'query after ) (OData)',
    'text',
    'GET https://x.sharepoint.com/_api/Items(1)?access_token=s3cr3tTok failed',
    's3cr3tTok',
    'Items(1)',
  ],
  [
    "query after '",
    'text',
    "fetch('https://a.b/c'+'?access_token=s3cr3tTok')",
    's3cr3tTok',
    "fetch('https://a.b/c'",
  ],
  [
    'query after ) in a URL field',
    'url',
    'https://x/_api/Items(1)?access_token=s3cr3tTok&$select=Title',
    's3cr3tTok',
    '$select=Title',
  ],
  [';jsessionid path parameter', 'url', 'http://a.b/app;jsessionid=ABCDEF123456?x=1', 'ABCDEF123456', 'x=1'],
  [';jsessionid in text', 'text', 'redirected to /login;jsessionid=ABCDEF123456', 'ABCDEF123456', '/login'],
  [
    '#access_token fragment (OAuth implicit flow)',
    'url',
    'http://app/cb#access_token=s3cr3tTok&token_type=bearer&state=xyz',
    's3cr3tTok',
    'state=xyz',
  ],
  [
    '#access_token in a page URL in text',
    'text',
    'page http://app/cb#access_token=s3cr3tTok&state=xyz',
    's3cr3tTok',
    'state=xyz',
  ],
  ['pass', 'url', 'http://a.b/login?user=ann&pass=hunter2', 'hunter2', 'user=ann'],
  ['accessKey (camelCase)', 'url', 'http://a.b/p?accessKey=AKIA1234&page=2', 'AKIA1234', 'page=2'],
  ['userinfo', 'url', 'http://ann:hunter2@a.b/', 'hunter2', 'a.b/'],
  ['sk- key', 'text', 'key sk-abcdefghijklmnopqrstuv12 rejected', 'sk-abcdefghijklmnopqrstuv12', 'rejected'],
  [
    'sk-proj- key',
    'text',
    'key sk-proj-Abcdefghijklmnopqrstuvwx_12 rejected',
    'Abcdefghijklmnopqrstuvwx_12',
    'rejected',
  ],
  ['JWT anywhere', 'text', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_nature', 'eyJzdWIiOiIxIn0', ''],
  ['Authorization', { header: 'authorization' }, 'Bearer s3cr3tTok123', 's3cr3tTok123', 'Bearer'],
  ['X-Client-Authorization', { header: 'x-client-authorization' }, 'rawtoken123', 'rawtoken123', ''],
  ['Authentication', { header: 'authentication' }, 'rawtoken123', 'rawtoken123', ''],
  ['X-API-Key', { header: 'x-api-key' }, 'k3y', 'k3y', ''],
  ['Cookie values, names kept', { header: 'cookie' }, 'sid=abc123; theme=dark', 'abc123', 'theme='],
  [
    'a bearer token in a non-secret header',
    { header: 'x-forwarded-auth-note' },
    'Bearer s3cr3tTok123',
    's3cr3tTok123',
    '',
  ],
  [
    'sk- key in a non-secret header',
    { header: 'x-note' },
    'sk-proj-Abcdefghijklmnopqrstuvwx_12',
    'Abcdefghijklmnopqrstuvwx',
    '',
  ],
];

describe('redaction corpus', () => {
  it.each(CORPUS)('%s', (_case, where, input, secret, kept) => {
    const out =
      where === 'url'
        ? redactUrl(input)
        : where === 'text'
          ? redactText(input)
          : redactHeaderValue(where.header, input);
    expect(out).not.toContain(secret);
    expect(out).toContain(kept);
  });
  it('keeps CORS headers and ordinary values whole', () => {
    expect(redactHeaderValue('access-control-allow-headers', 'authorization, x-token')).toBe(
      'authorization, x-token',
    );
    expect(redactHeaderValue('x-request-id', 'req-42')).toBe('req-42');
    expect(redactUrl('http://a.b/items?page=2&sort=asc#top')).toBe('http://a.b/items?page=2&sort=asc#top');
  });
});
