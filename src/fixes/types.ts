// Types of the server-fix generators: one generator per backend, each turning a diagnosis into a tailored fix.
import type { Diagnosis, HeaderMap, ResourceKind } from '../engine/types.ts';
import type { FixFacts } from '../inference/fix-facts.ts';

export type BackendId =
  | 'fastapi'
  | 'express'
  | 'flask'
  | 'nginx'
  | 'nextjs'
  | 'aiohttp'
  | 'django'
  | 'fastify'
  | 'hono'
  | 'nestjs'
  | 'koa'
  | 'spring'
  | 'aspnet'
  | 'go-rs-cors'
  | 'gin'
  | 'echo'
  | 'rails'
  | 'laravel'
  | 'apache'
  | 'caddy'
  | 'aws'
  | 'cloudflare'
  | 'headers';

/** What the fixed server must allow, derived from the failing request. */
export interface FixRequest {
  /** The page origin that must be allowed, exactly (scheme://host[:port]). */
  origin: string;
  url: string;
  method: string;
  /** Non-safelisted request header names the preflight asked for (lowercase). */
  requestHeaders: string[];
  credentials: boolean;
  /** Response headers the page reads, when known (lowercase). */
  exposeHeaders: string[];
  /** What other requests of the page asked of the same API: the fix covers them too (lower-case headers). */
  route?: { methods: string[]; headers: string[] };
  /** How credentials, read headers and the route were known (the fix view states them). */
  facts?: FixFacts;
  /** What made the request, when known: a static asset (font, script, …) gets the static-file fixes (assets.ts). */
  kind?: ResourceKind | null;
}

export interface FixInput {
  diagnosis: Diagnosis;
  request: FixRequest;
}

export interface Snippet {
  language:
    | 'python'
    | 'javascript'
    | 'typescript'
    | 'nginx'
    | 'apache'
    | 'caddy'
    | 'go'
    | 'ruby'
    | 'php'
    | 'java'
    | 'csharp'
    | 'json'
    | 'yaml'
    | 'shell'
    | 'http'
    | 'text';
  /** Where it goes, e.g. "main.py, right after `app = FastAPI()`". */
  where: string;
  code: string;
}

export interface LintFinding {
  rule:
    | 'wildcard-with-credentials'
    | 'reflect-any-origin'
    | 'null-origin'
    | 'unanchored-origin-match'
    | 'private-network-for-public-origin';
  message: string;
}

export interface Fix {
  backend: BackendId;
  title: string;
  snippets: Snippet[];
  /** The pitfall this failure hit in this backend, in plain words, or null. */
  pitfall: string | null;
  notes: string[];
  /** Findings of the security lint on this fix; a generator's own output must have none. */
  security: LintFinding[];
  /** Exactly what the fixed server sends for this request: the engine re-checks it (simulateFetch must pass). */
  expected: { preflight?: HeaderMap; response: HeaderMap };
}

export interface FixGenerator {
  id: BackendId;
  label: string;
  generate(input: FixInput): Fix;
}

export interface Detection {
  backend: BackendId;
  confidence: 'high' | 'medium' | 'low';
  /** What it was detected from, e.g. "Server: uvicorn". */
  evidence: string[];
}
