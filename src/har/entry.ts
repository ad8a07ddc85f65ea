// A HAR 1.2 entry from any exporter → what DevTools capture reads of one (devtools/har-entry.ts HarEntryLike).
// Chrome and Edge add `_resourceType` ('fetch', 'xhr', 'preflight') and `_error`; Firefox and other tools do not,
// so for them a request is a CORS request when it carries an Origin header (or Sec-Fetch-Mode: cors), and an OPTIONS
// with Access-Control-Request-Method is a preflight. Every field is checked: the file is hostile.
import type { HarEntryLike } from '../devtools/har-entry.ts';
import type { HeaderPair } from '../shared/protocol.ts';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function headersOf(v: unknown): HeaderPair[] {
  if (!Array.isArray(v)) return [];
  const out: HeaderPair[] = [];
  for (const h of v)
    if (isObject(h) && typeof h.name === 'string' && typeof h.value === 'string')
      out.push({ name: h.name, value: h.value });
  return out;
}

const has = (h: HeaderPair[], name: string): string | undefined =>
  h.find((x) => x.name.toLowerCase() === name)?.value;

function inferKind(method: string, headers: HeaderPair[]): 'fetch' | 'preflight' | undefined {
  if (method === 'OPTIONS' && has(headers, 'access-control-request-method') !== undefined) return 'preflight';
  if (has(headers, 'origin') !== undefined || has(headers, 'sec-fetch-mode') === 'cors') return 'fetch';
  return undefined;
}

type Stack = NonNullable<NonNullable<HarEntryLike['_initiator']>['stack']>;

/** The initiator's stack, rebuilt from checked fields only (callSiteOf walks it). */
function stackOf(v: unknown, depth = 0): Stack | undefined {
  if (!isObject(v) || depth > 20) return undefined;
  const frames = Array.isArray(v.callFrames) ? v.callFrames.filter(isObject).slice(0, 50) : [];
  const parent = stackOf(v.parent, depth + 1);
  return {
    callFrames: frames.map((f) => ({
      ...(typeof f.functionName === 'string' ? { functionName: f.functionName.slice(0, 200) } : {}),
      ...(typeof f.url === 'string' ? { url: f.url.slice(0, 2048) } : {}),
      ...(typeof f.lineNumber === 'number' ? { lineNumber: f.lineNumber } : {}),
      ...(typeof f.columnNumber === 'number' ? { columnNumber: f.columnNumber } : {}),
    })),
    ...(parent ? { parent } : {}),
  };
}

const initiatorOf = (v: unknown): NonNullable<HarEntryLike['_initiator']> => {
  const stack = stackOf(v);
  return stack ? { stack } : {};
};

export interface HarEntryRead {
  entry: HarEntryLike;
  /** Whether the exporter says which requests failed (Chrome's `_error`): otherwise the engine must judge. */
  failureKnown: boolean;
  pageref: string | undefined;
}

/** The entry, or null when it is not a well-formed HAR 1.2 entry of a request CORS applies to. `redirected` says
 * whether a CORS request was redirected to this URL: Firefox lists the blocked hop after a redirect without headers. */
export function readHarEntry(
  v: unknown,
  redirected: (url: string) => boolean = () => false,
): HarEntryRead | null {
  if (!isObject(v) || !isObject(v.request) || !isObject(v.response)) return null;
  const { request, response } = v;
  if (
    typeof v.startedDateTime !== 'string' ||
    typeof request.method !== 'string' ||
    typeof request.url !== 'string'
  )
    return null;
  const status =
    typeof response.status === 'number' && Number.isInteger(response.status) ? response.status : 0;
  const requestHeaders = headersOf(request.headers);
  const chromeKind = typeof v._resourceType === 'string' ? v._resourceType : undefined;
  const kind =
    chromeKind ??
    inferKind(request.method, requestHeaders) ??
    (redirected(request.url) ? 'fetch' : undefined);
  if (kind === undefined) return null;
  const failureKnown = '_error' in response || chromeKind !== undefined;
  const error = typeof response._error === 'string' && response._error !== '' ? response._error : null;
  const entry: HarEntryLike = {
    startedDateTime: v.startedDateTime,
    ...(typeof v.time === 'number' ? { time: v.time } : {}),
    request: { method: request.method, url: request.url, headers: requestHeaders },
    response: {
      status,
      headers: headersOf(response.headers),
      ...(typeof response.redirectURL === 'string' ? { redirectURL: response.redirectURL } : {}),
      // Without Chrome's marker, a request that got no response failed (blocked before it, or the network did).
      _error: failureKnown ? error : status === 0 ? 'net::ERR_FAILED' : null,
    },
    _resourceType: kind,
    ...(isObject(v._initiator) ? { _initiator: initiatorOf(v._initiator.stack) } : {}),
  };
  return { entry, failureKnown, pageref: typeof v.pageref === 'string' ? v.pageref : undefined };
}
