// Small HAR 1.2 files for unit and component tests: a Chrome-style failed fetch (with `_resourceType`/`_error`) and a
// Firefox-style one (plain HAR, the failure known only from the missing response), both page → API cross-origin.
export const HAR_PAGE = 'http://localhost:3000';
export const HAR_API = 'http://127.0.0.1:8000';

interface EntryOpts {
  path: string;
  status?: number;
  responseHeaders?: { name: string; value: string }[];
  requestHeaders?: { name: string; value: string }[];
  chrome?: boolean;
  method?: string;
  /** Firefox lists the hop after a redirect with no request headers at all. */
  noHeaders?: boolean;
  startedDateTime?: string;
  time?: number;
  redirectURL?: string;
}

export function harEntry(o: EntryOpts): Record<string, unknown> {
  return {
    startedDateTime: o.startedDateTime ?? '2026-01-01T00:00:00.000Z',
    time: o.time ?? 5,
    pageref: 'page_1',
    request: {
      method: o.method ?? 'GET',
      url: `${HAR_API}${o.path}`,
      httpVersion: 'HTTP/1.1',
      headers: o.noHeaders ? [] : [{ name: 'Origin', value: HAR_PAGE }, ...(o.requestHeaders ?? [])],
    },
    response: {
      status: o.status ?? 200,
      statusText: '',
      headers: o.responseHeaders ?? [],
      ...(o.redirectURL ? { redirectURL: o.redirectURL } : {}),
      ...(o.chrome ? { _error: 'net::ERR_FAILED' } : {}),
    },
    ...(o.chrome ? { _resourceType: 'fetch' } : {}),
  };
}

export function harText(entries: Record<string, unknown>[], creator = 'Firefox', version = '1.2'): string {
  return JSON.stringify({
    log: {
      version,
      creator: { name: creator, version: '153.0' },
      pages: [{ id: 'page_1', title: `${HAR_PAGE}/`, startedDateTime: '2026-01-01T00:00:00.000Z' }],
      entries,
    },
  });
}
