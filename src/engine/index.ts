// The engine's public entry: simulate what a browser does with a cross-origin request, diagnose what the extension
// saw, and the helpers the panel, the fix generators and the capture share. Pure: no chrome, DOM, clock or I/O.
export { simulateFetch } from './simulate.ts';
export { simulateFirefox, type FirefoxVerdict } from './firefox-console.ts';
export { diagnose } from './diagnose.ts';
export { getHeader } from './headers.ts';
export { credentialsEvidence } from './observed-model.ts';
export { accessControlRequestHeaders, isPreflightNeeded } from './preflight.ts';
export { consoleMessage, type ConsoleInput } from './console.ts';
export { CAUSES, headlineFor, type CauseInfo } from './causes.ts';
export { CORS_ERRORS, parseCorsError } from './cors-error-names.ts';
export { normalizeMethod, isSafelistedMethod, isSafelistedRequestHeader } from './safelist.ts';
export { SAFELISTED_RESPONSE_HEADERS } from './rules/expose-headers.ts';
export type * from './types.ts';
