// The report module's public surface, shared by the panel's export and the CLI's `cors-lens record`.
export { buildReport } from './build.ts';
export { toJson, toMarkdown } from './markdown.ts';
export { curlCommands, shellQuote } from './curl.ts';
export { REDACTED, isSensitiveHeader, redactHeaderValue, redactText, redactUrl } from './redact.ts';
export { REPORT_SCHEMA } from './schema.ts';
export { SCHEMA_VERSION } from './types.ts';
export type {
  BuildOptions,
  CorsReport,
  ReportBackend,
  ReportFailure,
  ReportHop,
  ReportMeta,
} from './types.ts';
