// What one browser console line says about a CORS failure, in the three dialects (Chrome, Firefox, Safari/WebKit).
// Everything here came from text a user pasted: it is hostile until next-step.ts validated and quoted it.
import type { CauseCode, ResourceKind } from '../engine/types.ts';

export type ConsoleBrowser = 'chrome' | 'firefox' | 'safari';

export interface LineFacts {
  /** The request URL the line names (the last one after redirects, in Chrome's). */
  url?: string;
  /** Chrome: the URL the page asked for, when the request was redirected. */
  initialUrl?: string;
  /** The Origin the failing request carried. */
  origin?: string;
  method?: string;
  /** The HTTP status of the response that decided (null: the line says there was none). */
  status?: number | null;
  /** 'fetch' or 'xhr' when the line names the API. */
  kind?: ResourceKind;
  /** The request header the server did not allow. */
  header?: string;
  /** The failed parameter: an Access-Control-Allow-* value, a redirect location, an address space. */
  value?: string;
  /** Whether the failing response was a preflight's (undefined: the line does not tell). */
  preflight?: boolean;
  /** Whether the request carried credentials (the line's template says so). */
  credentials?: boolean;
}

export interface ParsedLine {
  browser: ConsoleBrowser;
  /** The template's name: Chrome's CorsError, Firefox's security.properties key, or a WebKit message id. */
  template: string;
  /** The causes this line leaves open, most likely first; empty when it names only the URL (Safari's "due to
   * access control checks" line). */
  causes: CauseCode[];
  facts: LineFacts;
}
