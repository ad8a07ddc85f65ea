// A Node reproduction of what FastAPI 0.92 / Starlette 0.26.1 (Debian bookworm) under uvicorn answers, for the
// demo when python3 cannot run the real app (demo/backend/main.py). It models the parts a CORS failure depends on:
// CORSMiddleware's preflight and simple-response headers, the router's 404/405, and ServerErrorMiddleware's 500
// outside CORSMiddleware. docs/demo.md lists the behaviours with their sources; test/verify/demo-parity.ts checks
// every demo call against the real app.

/** One response: status, header lines in the order uvicorn writes them (after `date`), body. */
export interface Answer {
  status: number;
  headers: [string, string][];
  body: string;
}

/** CORSMiddleware's keyword arguments, with Starlette's defaults when absent. */
export interface CorsConfig {
  allowOrigins: string[];
  allowMethods?: string[];
  allowHeaders?: string[];
  allowCredentials?: boolean;
  exposeHeaders?: string[];
  maxAge?: number;
}

type RequestHeaders = Readonly<Record<string, string | undefined>>;

const ALL_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];
const SAFELISTED = ['Accept', 'Accept-Language', 'Content-Language', 'Content-Type'];

/** Starlette's Response.init_headers: the given headers, then content-length and content-type. */
export function respond(status: number, headers: [string, string][], body: string, type: string): Answer {
  return {
    status,
    headers: [
      ['server', 'uvicorn'],
      ...headers,
      ['content-length', String(Buffer.byteLength(body))],
      ['content-type', type],
    ],
    body,
  };
}

export const jsonAnswer = (status: number, value: unknown, headers: [string, string][] = []): Answer =>
  respond(status, headers, JSON.stringify(value), 'application/json');
const text = (status: number, body: string, headers: [string, string][] = []): Answer =>
  respond(status, headers, body, 'text/plain; charset=utf-8');

export const SERVER_ERROR = (): Answer => text(500, 'Internal Server Error');

export interface Middleware {
  /** The preflight answer (OPTIONS with Origin and Access-Control-Request-Method), or null for other requests. */
  preflight(req: RequestHeaders, method: string): Answer | null;
  /** Adds the simple-response headers to what the app answered. */
  decorate(req: RequestHeaders, answer: Answer): Answer;
}

export function corsMiddleware(c: CorsConfig): Middleware {
  const methods = (c.allowMethods ?? ['GET']).includes('*') ? ALL_METHODS : (c.allowMethods ?? ['GET']);
  const allowAllOrigins = c.allowOrigins.includes('*');
  const allowAllHeaders = (c.allowHeaders ?? []).includes('*');
  const credentials = c.allowCredentials ?? false;
  const explicit = !allowAllOrigins || credentials;
  // Python's sorted(set(...)): code-unit order, duplicates differing only in case both kept.
  const allowHeaders = [...new Set([...SAFELISTED, ...(c.allowHeaders ?? [])])].sort();
  const allowed = (origin: string) => allowAllOrigins || c.allowOrigins.includes(origin);
  const simple: [string, string][] = [
    ...(allowAllOrigins ? [['access-control-allow-origin', '*'] as [string, string]] : []),
    ...(credentials ? [['access-control-allow-credentials', 'true'] as [string, string]] : []),
    ...(c.exposeHeaders?.length
      ? [['access-control-expose-headers', c.exposeHeaders.join(', ')] as [string, string]]
      : []),
  ];
  return {
    preflight(req, method) {
      const origin = req.origin;
      const requested = req['access-control-request-method'];
      if (method !== 'OPTIONS' || origin === undefined || requested === undefined) return null;
      const h: [string, string][] = [
        explicit ? ['vary', 'Origin'] : ['access-control-allow-origin', '*'],
        ['access-control-allow-methods', methods.join(', ')],
        ['access-control-max-age', String(c.maxAge ?? 600)],
      ];
      if (!allowAllHeaders) h.push(['access-control-allow-headers', allowHeaders.join(', ')]);
      if (credentials) h.push(['access-control-allow-credentials', 'true']);
      const failures: string[] = [];
      if (!allowed(origin)) failures.push('origin');
      else if (explicit) h.push(['access-control-allow-origin', origin]);
      if (!methods.includes(requested)) failures.push('method');
      const acrh = req['access-control-request-headers'];
      if (allowAllHeaders && acrh !== undefined) h.push(['access-control-allow-headers', acrh]);
      else if (acrh !== undefined) {
        const lower = allowHeaders.map((x) => x.toLowerCase());
        if (acrh.split(',').some((x) => !lower.includes(x.toLowerCase().trim()))) failures.push('headers');
      }
      return failures.length ? text(400, `Disallowed CORS ${failures.join(', ')}`, h) : text(200, 'OK', h);
    },
    decorate(req, answer) {
      const origin = req.origin;
      if (origin === undefined) return answer;
      const headers = answer.headers.filter(([n]) => !simple.some(([s]) => s === n)).concat(simple);
      const reflect = allowAllOrigins ? req.cookie !== undefined : allowed(origin);
      if (reflect) {
        const rest = headers.filter(([n]) => n !== 'access-control-allow-origin');
        const vary = rest.find(([n]) => n === 'vary');
        if (vary) vary[1] = `${vary[1]}, Origin`;
        return {
          ...answer,
          headers: [
            ...rest,
            ['access-control-allow-origin', origin],
            ...(vary ? [] : [['vary', 'Origin'] as [string, string]]),
          ],
        };
      }
      return { ...answer, headers };
    },
  };
}
