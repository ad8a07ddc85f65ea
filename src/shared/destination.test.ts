import { describe, expect, it } from 'vitest';
import { credentialsOf, isRecorded, kindOf, modeOf } from './destination.ts';

const cors = (dest: string) => ({
  origin: 'http://localhost:3000',
  'sec-fetch-mode': 'cors',
  'sec-fetch-dest': dest,
});

describe('destinations (docs/destinations.md)', () => {
  it('names the kind from webRequest types and DevTools resource types, Sec-Fetch-Dest first for resource loads', () => {
    expect(kindOf('xmlhttprequest', cors('empty'))).toBeNull(); // fetch, XHR or EventSource: webRequest cannot tell
    expect(kindOf('fetch', cors('empty'))).toBe('fetch');
    expect(kindOf('eventsource', cors('empty'))).toBe('eventsource');
    expect(kindOf('media', cors('video'))).toBe('video');
    expect(kindOf('script', cors('serviceworker'))).toBe('script');
    expect(kindOf('other', cors('audioworklet'))).toBe('script');
    expect(kindOf('image', {})).toBe('image');
    expect(kindOf('image', cors('constructor'))).toBe('image'); // a hostile or unknown value is not a key
    for (const t of [
      'main_frame',
      'sub_frame',
      'document',
      'ping',
      'websocket',
      'csp_report',
      '__proto__',
      undefined,
    ])
      expect(kindOf(t, {}), String(t)).toBeUndefined();
  });

  it('records every API request, and a resource load only in CORS mode (the wire: Sec-Fetch-Mode, else Origin)', () => {
    expect(isRecorded(null, {})).toBe(true);
    expect(isRecorded('fetch', { 'sec-fetch-mode': 'no-cors' })).toBe(true); // an opaque fetch: the page's choice
    expect(isRecorded('image', { 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' })).toBe(false);
    expect(isRecorded('image', {})).toBe(false); // a plain <img> to an http URL: no Origin
    expect(isRecorded('image', [{ name: 'Origin', value: 'http://a' }])).toBe(true); // crossorigin, DevTools pairs
    expect(isRecorded('font', {})).toBe(true); // a font is always a CORS request
    expect(modeOf('script', cors('script'))).toBe('cors');
    expect(modeOf('fetch', {})).toBeUndefined();
  });

  it('fixes the credentials mode only where the destination does: a font', () => {
    expect(credentialsOf('font')).toBe('same-origin');
    expect(credentialsOf('image')).toBeUndefined(); // crossorigin="use-credentials" is not on the wire
    expect(credentialsOf(null)).toBeUndefined();
  });
});
