// Whether a URL belongs to an origin, for webRequest and DevTools' log alike: both give the page's origin as Chrome
// serialises it and the URL as Chrome normalised it. And a URL's http(s) origin, where one must be parsed.

/** Same origin when the URL starts with the origin's serialisation followed by a path (Chrome omits default ports
 * in both), so no URL parsing is needed on the hot path. */
export const isSameOrigin = (origin: string, url: string): boolean =>
  url.startsWith(origin) && (url.length === origin.length || url.charCodeAt(origin.length) === 47); /* / */

/** The http(s) origin of a URL (relative to `base`), else undefined. */
export function urlOrigin(url: string | undefined, base?: string): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}
