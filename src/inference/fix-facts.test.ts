import { describe, expect, it } from 'vitest';
import type { Observed } from '../engine/types.ts';
import { diagnosisOf } from '../fixes/test-support.ts';
import { fixFacts } from './fix-facts.ts';
import { scanSource } from './source-scan.ts';

const PAGE = 'http://localhost:3000';
const API = 'http://127.0.0.1:8000';

// The seed's exchange as DevTools' network log gives it (Chromium 156): a JSON POST whose preflight got FastAPI's
// 405; the actual request never went out, so no Cookie and no response to read.
const seed: Observed = {
  pageOrigin: PAGE,
  method: 'POST',
  url: `${API}/v1/chat`,
  credentials: 'unknown',
  kind: 'fetch',
  requestHeaders: { 'Content-Type': 'application/json' },
  preflight: {
    url: `${API}/v1/chat`,
    method: 'OPTIONS',
    requestHeaders: {
      Origin: PAGE,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type',
    },
    status: 405,
    responseHeaders: { server: 'uvicorn', 'content-type': 'application/json', allow: 'GET' },
  },
  hops: [],
  netError: 'net::ERR_FAILED',
};
const inferred = diagnosisOf('preflight-not-handled', { realStatus: 405, hints: ['credentials-inferred'] });

// The same page's earlier GET that did go out, with its Cookie, and a response carrying the app's header.
const sibling: Observed = {
  pageOrigin: PAGE,
  method: 'GET',
  url: `${API}/v1/models`,
  requestHeaders: { Cookie: 'session=abc', Authorization: 'Bearer t' },
  hops: [
    {
      url: `${API}/v1/models`,
      method: 'GET',
      requestHeaders: { Cookie: 'session=abc', Origin: PAGE },
      status: 200,
      responseHeaders: { 'x-request-id': 'r-1', 'content-type': 'application/json' },
    },
  ],
  netError: 'net::ERR_FAILED',
};

const CHAT_JS = `async function send(m){const r=await fetch("${API}/v1/chat",{method:"POST",credentials:"include",headers:{"Content-Type":"application/json"},body:JSON.stringify(m)});return{id:r.headers.get("X-Request-Id"),body:await r.json()}}`;

describe('fixFacts', () => {
  it('with no signal, allows credentials for the one origin and says it assumed so', () => {
    const f = fixFacts({ observed: seed, diagnosis: inferred });
    expect(f.credentials).toMatchObject({ allow: true, basis: 'assumed' });
    expect(f.credentials.signal).toMatch(/not observed/);
    expect(f.reads).toEqual({ names: [], signal: expect.stringMatching(/no read header/) as string });
    expect(f.route).toBeNull();
  });

  it('takes the call site: credentials and the header the page reads, naming the file and line', () => {
    const source = {
      url: `${PAGE}/assets/chat-3f2a.js`,
      signals: scanSource(CHAT_JS, { line: 1, column: 34 }),
    };
    const f = fixFacts({ observed: seed, diagnosis: inferred, source });
    expect(f.credentials).toMatchObject({ allow: true, basis: 'evidence' });
    expect(f.credentials.signal).toMatch(/^the call site chat-3f2a\.js:1 `credentials:"include"`/);
    expect(f.reads.names).toEqual(['x-request-id']);
  });

  it("an explicit 'omit' at the call site keeps credentials off", () => {
    const js = CHAT_JS.replace('credentials:"include"', 'credentials:"omit"');
    const source = { url: `${PAGE}/a.js`, signals: scanSource(js, { line: 1, column: 34 }) };
    expect(fixFacts({ observed: seed, diagnosis: inferred, source }).credentials).toMatchObject({
      allow: false,
      basis: 'evidence',
    });
  });

  it("uses the page's other requests to the same API: a Cookie, their methods and headers, their app headers", () => {
    const other: Observed = { ...sibling, url: 'http://127.0.0.1:9999/x' };
    const f = fixFacts({ observed: seed, diagnosis: inferred, siblings: [seed, sibling, other] });
    expect(f.credentials).toMatchObject({ allow: true, basis: 'evidence' });
    expect(f.credentials.signal).toMatch(/another request/);
    expect(f.route).toEqual({ methods: ['GET'], headers: ['authorization'], requests: 1 });
  });

  it('the evidence of the request itself beats an answer; an answer beats the script', () => {
    const withCookie: Observed = { ...sibling };
    expect(fixFacts({ observed: withCookie, diagnosis: inferred, answer: false }).credentials.allow).toBe(
      true,
    );
    const source = { url: `${PAGE}/a.js`, signals: scanSource(CHAT_JS, { line: 1, column: 34 }) };
    expect(
      fixFacts({ observed: seed, diagnosis: inferred, answer: false, source }).credentials,
    ).toMatchObject({
      allow: false,
      basis: 'answer',
    });
  });

  it("the browser's verdict that holds only with credentials is evidence", () => {
    const d = diagnosisOf('WildcardOriginNotAllowed', { credentials: true, hints: ['credentials-inferred'] });
    expect(
      fixFacts({ observed: { ...sibling, requestHeaders: {}, hops: [] }, diagnosis: d }).credentials,
    ).toMatchObject({
      allow: true,
      basis: 'evidence',
    });
  });

  it('Sec-Fetch-Storage-Access on the request (a credentialed cross-site call) is evidence, and named', () => {
    const d = {
      ...diagnosisOf('WildcardOriginNotAllowed', { credentials: true, hints: ['credentials-inferred'] }),
      credentialsBasis: 'storage-access' as const,
    };
    expect(fixFacts({ observed: seed, diagnosis: d }).credentials).toMatchObject({
      allow: true,
      basis: 'evidence',
      signal: expect.stringMatching(/Sec-Fetch-Storage-Access/) as string,
    });
  });

  it('exposes the custom headers the blocked response carried, never Set-Cookie or x-powered-by', () => {
    const o: Observed = {
      ...sibling,
      hops: [
        {
          ...(sibling.hops[0] as Observed['hops'][number]),
          responseHeaders: { 'X-Request-Id': 'r', 'x-powered-by': 'Express', 'set-cookie': 'a=b' },
        },
      ],
    };
    expect(fixFacts({ observed: o, diagnosis: inferred }).reads.names).toEqual(['x-request-id']);
  });
});
