// What "Record all tabs" asks for, in one request from the panel's click (a user gesture): webRequest, and host
// access to every site, without which Chrome delivers no webRequest event and injects no page script. Neither is
// held by default: with DevTools open, DevTools' own network log needs no host permission (docs/privacy.md).
export const ALL_TABS_PERMISSIONS = {
  permissions: ['webRequest'],
  origins: ['<all_urls>'],
} as const satisfies { permissions: string[]; origins: string[] };
