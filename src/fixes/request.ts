// Builds the FixRequest from what the extension or the CLI observed: what this request asked (askedOf) plus the
// facts a failure hides (credentials, read headers, the rest of the API's route), each from its strongest signal or
// an assumption that works for every request consistent with the observation (src/inference/fix-facts.ts).
import type { Diagnosis, Observed } from '../engine/types.ts';
import { fixFacts, type FixFacts } from '../inference/fix-facts.ts';
import { askedOf } from '../inference/route.ts';
import type { FixRequest } from './types.ts';

export function fixRequestFrom(
  observed: Observed,
  diagnosis: Diagnosis,
  facts: FixFacts = fixFacts({ observed, diagnosis }),
): FixRequest {
  const asked = askedOf(observed);
  return {
    origin: observed.pageOrigin,
    url: observed.url,
    method: asked.method,
    requestHeaders: asked.headers,
    credentials: facts.credentials.allow,
    exposeHeaders: facts.reads.names,
    ...(facts.route ? { route: { methods: facts.route.methods, headers: facts.route.headers } } : {}),
    facts,
    kind: observed.kind ?? null,
  };
}
