// The ported Chromium network-service tests drive the engine the way their fixtures drive CorsURLLoader: one request
// from an initiator origin, and a table of what each URL answers (its preflight and its response).
import { simulateFetch } from '../simulate.ts';
import type { BrowserProfile, HeaderMap, ServerAnswer, SimRequest, SimResult } from '../types.ts';

/** A response as the tests' NotifyLoaderClientOnReceiveResponse builds it: a status and extra headers. */
export const answer = (status: number, headers: HeaderMap = {}, preflight?: ServerAnswer['preflight']) =>
  preflight === undefined ? { response: { status, headers } } : { preflight, response: { status, headers } };

/** A redirect as NotifyLoaderClientOnReceiveRedirect sends it. */
export const redirectTo = (status: number, location: string, headers: HeaderMap = {}): ServerAnswer =>
  answer(status, { location, ...headers });

/** CreateLoaderAndStart: GET, credentials omitted, the given mode, unless `init` says otherwise. */
export function chromiumFetch(
  origin: string,
  url: string,
  server: Record<string, ServerAnswer>,
  init: Partial<SimRequest> = {},
  browser: BrowserProfile = 'chrome',
): SimResult {
  const request: SimRequest = {
    origin,
    url,
    method: 'GET',
    headers: {},
    credentials: 'omit',
    mode: 'cors',
    ...init,
  };
  return simulateFetch(request, server, { browser });
}
