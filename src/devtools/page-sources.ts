// The text of one of the inspected page's resources (a script, or the document for an inline script), for the fix
// inference's call-site signals (src/inference/source-scan.ts). DevTools keeps these anyway; reading them needs no
// permission. The text is page data: it is only ever scanned, never run, and capped.

/** A bundle larger than this is not read (the scan only looks near the call site anyway). */
const MAX_CHARS = 8_000_000;

export function readPageSource(url: string): Promise<string | null> {
  return new Promise((resolve) => {
    chrome.devtools.inspectedWindow.getResources((resources) => {
      const r = resources.find((x) => x.url === url);
      if (!r) {
        resolve(null);
        return;
      }
      r.getContent((content, encoding) => {
        resolve(typeof content === 'string' && encoding !== 'base64' ? content.slice(0, MAX_CHARS) : null);
      });
    });
  });
}
