// What made a request and whether it is a CORS request, from what both capture sources show: the source's own type
// (webRequest's ResourceType, DevTools' `_resourceType`) and the request's headers. Sec-Fetch-Dest names the Fetch
// destination exactly (audio vs video, a worker's script) where the browser sends it (to potentially trustworthy
// URLs); the source's type is the fallback. The facts, measured in both sources: docs/destinations.md.
import type { HeaderMap, RequestMode, ResourceKind } from '../engine/types.ts';
import type { HeaderPair } from './protocol.ts';

/** The source types that can be a CORS request of a page, and their kind. null: fetch, XHR and EventSource, which
 * webRequest reports alike (`xmlhttprequest`). Absent (navigations, pings, WebSockets, CSP reports): never. */
const BY_TYPE: Readonly<Record<string, ResourceKind | null>> = {
  xmlhttprequest: null,
  fetch: 'fetch',
  xhr: 'xhr',
  eventsource: 'eventsource',
  font: 'font',
  script: 'script',
  stylesheet: 'stylesheet',
  image: 'image',
  media: 'other', // audio or video: only Sec-Fetch-Dest tells
  texttrack: 'track',
  other: 'other',
};

/** Sec-Fetch-Dest → kind. Worker and worklet scripts and JSON modules are scripts (Blink names them so). */
const BY_DEST: Readonly<Record<string, ResourceKind>> = {
  font: 'font',
  script: 'script',
  worker: 'script',
  sharedworker: 'script',
  serviceworker: 'script',
  audioworklet: 'script',
  paintworklet: 'script',
  json: 'script',
  style: 'stylesheet',
  image: 'image',
  audio: 'audio',
  video: 'video',
  track: 'track',
};

/** The APIs whose requests are recorded whatever their mode (a `no-cors` fetch is the page's own choice). */
const isApi = (k: ResourceKind | null): boolean =>
  k === null || k === 'fetch' || k === 'xhr' || k === 'eventsource';

type Headers = HeaderMap | readonly HeaderPair[];

function headerOf(h: Headers, name: string): string | undefined {
  if (Array.isArray(h)) return (h as readonly HeaderPair[]).find((x) => x.name.toLowerCase() === name)?.value;
  const v = (h as HeaderMap)[name];
  return typeof v === 'string' ? v : v?.[0];
}

/** The request's kind, or undefined when such a request is never a page's CORS request. */
export function kindOf(sourceType: string | undefined, headers: Headers): ResourceKind | null | undefined {
  if (sourceType === undefined || !Object.hasOwn(BY_TYPE, sourceType)) return undefined;
  const own = BY_TYPE[sourceType] ?? null;
  if (isApi(own)) return own;
  const dest = headerOf(headers, 'sec-fetch-dest');
  return (dest !== undefined && Object.hasOwn(BY_DEST, dest) ? BY_DEST[dest] : undefined) ?? own;
}

/** The request's mode as the wire shows it: Sec-Fetch-Mode where sent; else a CORS request carries Origin (a plain
 * `<img>` GET does not) and a font is always one. */
export function modeOf(kind: ResourceKind | null, headers: Headers): RequestMode | undefined {
  const m = headerOf(headers, 'sec-fetch-mode');
  if (m === 'cors' || m === 'no-cors' || m === 'same-origin') return m;
  if (kind === 'font' || headerOf(headers, 'origin') !== undefined) return 'cors';
  return isApi(kind) ? undefined : 'no-cors';
}

/** Whether capture records it: every API request, and a resource load only in CORS mode (a no-cors load is never a
 * CORS failure). */
export const isRecorded = (kind: ResourceKind | null, headers: Headers): boolean =>
  isApi(kind) || modeOf(kind, headers) === 'cors';

/** The credentials mode a destination fixes: a font is always fetched with 'same-origin'. Others follow an attribute
 * or option the wire does not show (`crossorigin="use-credentials"`, `withCredentials`): left to inference. */
export const credentialsOf = (kind: ResourceKind | null): 'same-origin' | undefined =>
  kind === 'font' ? 'same-origin' : undefined;
