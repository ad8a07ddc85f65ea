// JSON Schema (draft-07) of CorsReport, schemaVersion 1.x. Tests validate built reports against it with ajv;
// docs/report-schema.md explains each field. Keep it in step with types.ts.
import { RESOURCE_KINDS } from '../shared/resource-kinds.ts';

const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
/** ISO 8601 date-time (a pattern rather than `format`, so validators need no format plugin). */
const isoTime = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$',
} as const;
const headers = {
  type: 'object',
  additionalProperties: { anyOf: [str, { type: 'array', items: str }] },
} as const;

const hop = {
  type: 'object',
  required: ['kind', 'method', 'url', 'status', 'requestHeaders', 'responseHeaders'],
  additionalProperties: false,
  properties: {
    kind: { enum: ['preflight', 'redirect', 'response'] },
    method: str,
    url: str,
    status: { type: 'integer', minimum: 0 },
    requestHeaders: headers,
    responseHeaders: headers,
  },
} as const;

const offending = {
  type: 'object',
  required: ['name', 'sent', 'required', 'answered'],
  additionalProperties: false,
  properties: { name: str, sent: nstr, required: nstr, answered: nstr },
} as const;

const backend = {
  type: ['object', 'null'],
  required: ['detected', 'chosen', 'fix'],
  properties: {
    detected: {
      type: 'array',
      items: {
        type: 'object',
        required: ['backend', 'confidence', 'evidence'],
        properties: {
          backend: str,
          confidence: { enum: ['high', 'medium', 'low'] },
          evidence: { type: 'array', items: str },
        },
      },
    },
    chosen: str,
    fix: {
      type: ['object', 'null'],
      required: ['backend', 'title', 'snippets', 'notes', 'security'],
      properties: {
        backend: str,
        title: str,
        snippets: {
          type: 'array',
          items: {
            type: 'object',
            required: ['language', 'where', 'code'],
            properties: { language: str, where: str, code: str },
          },
        },
        pitfall: nstr,
        notes: { type: 'array', items: str },
        security: {
          type: 'array',
          items: { type: 'object', required: ['rule', 'message'], properties: { rule: str, message: str } },
        },
      },
    },
  },
} as const;

const failure = {
  type: 'object',
  required: [
    'id',
    'startedAt',
    'request',
    'verdict',
    'stage',
    'code',
    'corsError',
    'failedParameter',
    'headline',
    'triage',
    'realStatus',
    'netError',
    'offending',
    'timeline',
    'consoleMessage',
    'pageError',
    'callSite',
    'references',
    'hints',
    'backend',
  ],
  additionalProperties: false,
  properties: {
    id: str,
    startedAt: isoTime,
    request: {
      type: 'object',
      required: ['url', 'method', 'origin', 'credentials', 'mode', 'kind', 'headers'],
      additionalProperties: false,
      properties: {
        url: str,
        method: str,
        origin: str,
        credentials: { enum: ['omit', 'same-origin', 'include', 'unknown'] },
        mode: nstr,
        kind: { enum: [...RESOURCE_KINDS, null] },
        headers,
      },
    },
    verdict: { enum: ['allowed', 'blocked', 'not-cors'] },
    stage: { enum: ['request', 'preflight', 'redirect', 'actual', null] },
    code: { type: 'string', minLength: 1 },
    corsError: nstr,
    failedParameter: nstr,
    headline: str,
    triage: nstr,
    realStatus: { type: ['integer', 'null'] },
    netError: nstr,
    offending: { type: 'array', items: offending },
    timeline: { type: 'array', items: hop },
    consoleMessage: nstr,
    pageError: {
      type: ['object', 'null'],
      required: ['message', 'stack'],
      properties: { message: str, stack: str },
    },
    callSite: {
      type: ['object', 'null'],
      required: ['url', 'line', 'column', 'functionName'],
      properties: { url: str, line: { type: 'integer' }, column: { type: 'integer' }, functionName: str },
    },
    references: {
      type: 'array',
      items: { type: 'object', required: ['title', 'url'], properties: { title: str, url: str } },
    },
    hints: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'severity', 'message'],
        properties: { code: str, severity: str, message: str },
      },
    },
    backend,
  },
} as const;

export const REPORT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://cors-lens.dev/schema/report-1.json',
  title: 'CORS Lens diagnosis report',
  type: 'object',
  required: [
    'schemaVersion',
    'generatedAt',
    'generator',
    'source',
    'pageUrl',
    'browser',
    'redacted',
    'summary',
    'failures',
  ],
  additionalProperties: false,
  properties: {
    schemaVersion: { type: 'string', pattern: '^1\\.\\d+\\.\\d+$' },
    generatedAt: isoTime,
    generator: { type: 'object', required: ['name', 'version'], properties: { name: str, version: str } },
    source: { enum: ['panel', 'cli'] },
    pageUrl: nstr,
    browser: nstr,
    redacted: { type: 'boolean' },
    summary: {
      type: 'object',
      required: ['failures', 'byCode'],
      properties: {
        failures: { type: 'integer', minimum: 0 },
        byCode: { type: 'object', additionalProperties: { type: 'integer', minimum: 1 } },
      },
    },
    failures: { type: 'array', items: failure },
  },
} as const;
