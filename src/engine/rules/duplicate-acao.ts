// Rule duplicate-acao: Access-Control-Allow-Origin sent on two lines, typically once by a reverse proxy and once by
// the app. Chrome joins the lines with ", " and reports MultipleAllowOriginValues (measured, case i2).
import { headerLineCount } from '../headers.ts';
import type { Cause, HeaderMap } from '../types.ts';

export function duplicateAcaoHints(headers: HeaderMap): Cause[] {
  if (headerLineCount(headers, 'access-control-allow-origin') < 2) return [];
  return [
    {
      code: 'duplicate-acao',
      severity: 'warning',
      message:
        'Access-Control-Allow-Origin arrived on several lines: two layers (a proxy and the app?) both add it; keep one',
    },
  ];
}

/* References: Fetch Standard §4.9 CORS check (https://fetch.spec.whatwg.org/#cors-check);
   MDN CORSMultipleAllowOriginNotAllowed; Kong/kong#1424. */
