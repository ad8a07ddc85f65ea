// Which frame of the initiator stack speaks for the call. DevTools' top frame is where fetch() or XHR's send() ran:
// the app's own code for a plain call, but inside the library for a call made through axios, ky, ofetch or an SDK,
// whose options the app wrote further down the stack (measured in real Chromium: test/fixtures/inference/). The
// first frame whose call names a credentials mode decides; without one, the first script (top first) that says
// 'include' anywhere, else the top frame's. The reads are the deciding script's own: a library's reads of its own
// headers (ky's `accept`, the OpenAI SDK's `x-should-retry`) are not the page's. Why: docs/fix-facts.md.
import type { CallSite } from '../shared/model.ts';
import { scanSource, type SourceSignals } from './source-scan.ts';

export interface ScannedSource {
  url: string;
  signals: SourceSignals;
}

/** The script texts known so far by URL; null when not (yet) readable. */
export type ReadText = (url: string) => string | null;

export function sourceFor(site: CallSite | null, read: ReadText): ScannedSource | null {
  if (site === null) return null;
  const scanned: ScannedSource[] = [];
  for (const f of [site, ...(site.callers ?? [])]) {
    const text = read(f.url);
    if (text === null) continue;
    const signals = scanSource(text, { line: f.line, column: f.column }, f !== site);
    if (signals.near) return { url: f.url, signals };
    scanned.push({ url: f.url, signals });
  }
  return scanned.find((s) => s.signals.credentials !== null) ?? scanned[0] ?? null;
}
