import { describe, expect, it } from 'vitest';
import {
  REDACTED,
  copyHeaders,
  isSensitiveHeader,
  redactDeep,
  redactHeaderValue,
  redactText,
  redactUrl,
} from './redact.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('redaction', () => {
  it('keeps the auth scheme but not the credentials', () => {
    expect(redactHeaderValue('Authorization', 'Bearer sk-live-SECRET0123456789abcdef')).toBe(
      `Bearer ${REDACTED}`,
    );
    expect(redactHeaderValue('proxy-authorization', 'Basic dXNlcjpwYXNz')).toBe(`Basic ${REDACTED}`);
    expect(redactHeaderValue('authorization', 'opaque')).toBe(REDACTED);
  });

  it('keeps cookie names and Set-Cookie attributes (they explain SameSite failures), never values', () => {
    expect(redactHeaderValue('Cookie', 'sid=abc123; theme=dark')).toBe(`sid=${REDACTED}; theme=${REDACTED}`);
    expect(redactHeaderValue('set-cookie', 'sid=abc123; Path=/; SameSite=None; Secure')).toBe(
      `sid=${REDACTED}; Path=/; SameSite=None; Secure`,
    );
  });

  it('withholds API-key-like headers but never the CORS headers themselves', () => {
    for (const h of [
      'X-API-Key',
      'x-auth-token',
      'X-CSRF-Token',
      'api_key',
      'X-Amz-Security-Token',
      'x-client-secret',
    ]) {
      expect(isSensitiveHeader(h), h).toBe(true);
      expect(redactHeaderValue(h, 'abcdef123456')).toBe(REDACTED);
    }
    for (const h of [
      'access-control-allow-credentials',
      'access-control-request-headers',
      'content-type',
      'origin',
      'vary',
    ]) {
      expect(isSensitiveHeader(h), h).toBe(false);
    }
    expect(redactHeaderValue('access-control-request-headers', 'authorization, x-api-key')).toBe(
      'authorization, x-api-key',
    );
  });

  it('finds JWTs, bearer tokens and keyed secrets in any text', () => {
    expect(redactText(`token ${JWT} end`)).toBe(`token ${REDACTED} end`);
    expect(redactText('failed with Bearer abc.def-123456 at line 3')).toBe(
      `failed with Bearer ${REDACTED} at line 3`,
    );
    expect(redactText('key sk-live-SECRET0123456789abcdef leaked')).toBe(`key ${REDACTED} leaked`);
    expect(redactText('Access-Control-Allow-Origin is missing')).toBe(
      'Access-Control-Allow-Origin is missing',
    );
    expect(redactText('token ghp_abcdefghijklmnopqrstuvwxyz0123 and xoxb-1234567890-abc')).toBe(
      `token ${REDACTED} and ${REDACTED}`,
    );
    expect(redactText('Basic dXNlcjpwYXNz')).toBe(`Basic ${REDACTED}`);
    expect(redactText('Token expired; Basic requests are not preflighted')).toBe(
      'Token expired; Basic requests are not preflighted',
    );
    // Ordinary words that merely start like a key prefix stay.
    expect(redactText('http://api.test/sk-learn-examples/pk-lookup-resources')).toBe(
      'http://api.test/sk-learn-examples/pk-lookup-resources',
    );
  });

  it('removes URL userinfo and token-like query values, leaving the rest byte for byte', () => {
    expect(redactUrl('https://user:pw@api.test/a/b?x=1&access_token=abc&API-Key=k&page=2#frag')).toBe(
      `https://${REDACTED}@api.test/a/b?x=1&access_token=${REDACTED}&API-Key=${REDACTED}&page=2#frag`,
    );
    expect(redactUrl(`http://api.test/?q=${JWT}`)).toBe(`http://api.test/?q=${REDACTED}`);
    expect(redactUrl('http://localhost:8000/s/missing-acao?r=spine%20x')).toBe(
      'http://localhost:8000/s/missing-acao?r=spine%20x',
    );
    expect(redactText("Access to fetch at 'http://a.test/x?token=t0k' from origin 'http://b.test'")).toBe(
      `Access to fetch at 'http://a.test/x?token=${REDACTED}' from origin 'http://b.test'`,
    );
  });

  it('copies header maps with lower-case names, redacting every value of a repeated header', () => {
    expect(copyHeaders({ Cookie: 'a=1', 'Set-Cookie': ['a=1; Secure', 'b=2'] }, false)).toEqual({
      cookie: `a=${REDACTED}`,
      'set-cookie': [`a=${REDACTED}; Secure`, `b=${REDACTED}`],
    });
    expect(copyHeaders({ Cookie: 'a=1' }, true)).toEqual({ cookie: 'a=1' });
  });

  it('redactDeep walks nested JSON and leaves non-strings alone', () => {
    expect(redactDeep({ a: [`Bearer ${JWT}`], n: 3, b: null, ok: true })).toEqual({
      a: [`Bearer ${REDACTED}`],
      n: 3,
      b: null,
      ok: true,
    });
  });
});
