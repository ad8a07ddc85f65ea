// Whether a URL belongs to an origin, for webRequest and DevTools' log alike: both give the page's origin as Chrome
// serialises it and the URL as Chrome normalised it.

/** Same origin when the URL starts with the origin's serialisation followed by a path (Chrome omits default ports
 * in both), so no URL parsing is needed on the hot path. */
export const isSameOrigin = (origin: string, url: string): boolean =>
  url.startsWith(origin) && (url.length === origin.length || url.charCodeAt(origin.length) === 47); /* / */
