// Chrome versions as data: the row each version gets, the version parser, and the console line per version.
import { describe, expect, it } from 'vitest';
import { chromeFacts, chromeMajor, corsErrorNameFor } from './chrome-versions.ts';
import { consoleMessage } from './console.ts';
import { simulateFetch } from './simulate.ts';

describe('chrome versions', () => {
  it.each([
    ['150.0.7871.100', 150],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
      156,
    ],
    ['Chrome/120.0.6099.109', 120],
    ['Chromium 150.0.7871.100 built on Debian GNU/Linux 12 (bookworm)', 150],
    ['142', 142],
    ['Firefox/130.0', null],
  ])('chromeMajor(%j) = %j', (text, major) => {
    expect(chromeMajor(text)).toBe(major);
  });

  it('the scheme list: 150 (measured) lacks chrome-experimental-site-token-provider, 156 (measured) has it', () => {
    const line = (chromeVersion: number) =>
      consoleMessage({
        kind: 'fetch',
        url: 'ftp://h/x',
        origin: 'http://p',
        corsError: 'CorsDisabledScheme',
        failedParameter: '',
        chromeVersion,
      });
    expect(line(150)).toContain(
      'schemes: chrome, chrome-extension, chrome-untrusted, data, http, https, isolated-app.',
    );
    expect(line(156)).toContain('chrome, chrome-experimental-site-token-provider, chrome-extension');
    expect(chromeFacts()).toEqual(chromeFacts(156));
  });

  it('Local Network Access: a permission from 142, Private Network Access (secure pages pass) before', () => {
    const request = (chromeVersion: number, secureContext: boolean) =>
      simulateFetch(
        {
          origin: 'https://app.example.com',
          url: 'http://10.0.0.5/x',
          method: 'GET',
          headers: {},
          credentials: 'omit',
          mode: 'cors',
          localNetwork: { clientSpace: 'public', secureContext, permission: 'denied' },
        },
        () => ({ response: { status: 200, headers: { 'access-control-allow-origin': '*' } } }),
        { chromeVersion },
      );
    expect(request(156, true).corsError).toBe('LocalNetworkAccessPermissionDenied');
    expect(request(142, true).corsError).toBe('LocalNetworkAccessPermissionDenied');
    expect(request(141, true).blocked).toBe(false);
    expect(request(120, false).corsError).toBe('InsecureLocalNetwork');
    expect(corsErrorNameFor('InsecureLocalNetwork', 120)).toBe('InsecurePrivateNetwork');
    expect(corsErrorNameFor('InsecureLocalNetwork', 150)).toBe('InsecureLocalNetwork');
  });

  it('the standard profile knows no Local Network Access (Firefox only logs it)', () => {
    const r = simulateFetch(
      {
        origin: 'http://app.example.com',
        url: 'http://127.0.0.1/x',
        method: 'GET',
        headers: {},
        credentials: 'omit',
        mode: 'cors',
        localNetwork: { clientSpace: 'public', secureContext: false, permission: 'denied' },
      },
      () => ({ response: { status: 200, headers: { 'access-control-allow-origin': '*' } } }),
      { browser: 'standard' },
    );
    expect(r.blocked).toBe(false);
  });
});
