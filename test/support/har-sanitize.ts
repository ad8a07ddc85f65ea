// Chrome DevTools' "Export HAR (sanitized)" (the default export since Chrome 130), reproduced on a HAR log object
// for tests: what DevTools' HAR builder drops when asked to sanitize (docs/har.md "Sanitized exports", with its
// source): request and response `cookies` emptied, the request's Authorization and Cookie headers and the
// response's Set-Cookie headers removed. Everything else is kept as exported.
interface Header {
  name: string;
  value: string;
}
interface Message {
  headers?: Header[];
  cookies?: unknown[];
}

const without = (headers: Header[] | undefined, names: string[]): Header[] =>
  (headers ?? []).filter((h) => !names.includes(h.name.toLowerCase()));

export function sanitizeLikeChrome<T extends { entries: { request: Message; response: Message }[] }>(
  log: T,
): T {
  const copy = structuredClone(log);
  for (const e of copy.entries) {
    e.request = {
      ...e.request,
      cookies: [],
      headers: without(e.request.headers, ['authorization', 'cookie']),
    };
    e.response = { ...e.response, cookies: [], headers: without(e.response.headers, ['set-cookie']) };
  }
  return copy;
}
