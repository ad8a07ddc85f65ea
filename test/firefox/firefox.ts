// Debian's firefox-esr driven over WebDriver BiDi with puppeteer-core (Playwright drives only its own patched
// Firefox builds). Firefox's CORS console lines reach BiDi as log.entryAdded entries of type "javascript", which
// puppeteer hands over as `pageerror`; they are read from there, word for word. docs/firefox.md.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export interface Firefox {
  browser: Browser;
  page: Page;
  version: string;
  /** Every CORS console line so far ("Cross-Origin Request …"), in the order Firefox logged them. */
  lines: string[];
  close(): Promise<void>;
}

export async function launchFirefox(
  executablePath: string,
  prefs: Record<string, unknown> = {},
  args: string[] = [],
): Promise<Firefox> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    extraPrefsFirefox: prefs,
    args,
  });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  const lines: string[] = [];
  page.on('pageerror', (e) => {
    const text = e instanceof Error ? e.message : String(e);
    if (text.startsWith('Cross-Origin Request')) lines.push(text);
  });
  return {
    browser,
    page,
    version: await browser.version(),
    lines,
    close: () => browser.close(),
  };
}
