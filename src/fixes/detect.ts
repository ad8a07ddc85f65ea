// Backend detection from fingerprints (docs/backends.md#fingerprints): response headers always (webRequest has them), bodies
// only when the caller has them (the CLI). Every detection carries the evidence so the panel can say why.
import type { Observed } from '../engine/types.ts';
import type { BackendId, Detection } from './types.ts';
import { RULES, type Confidence, type Hop } from './detect-rules.ts';

/** Optional response bodies (webRequest never sees them; the CLI does). */
export interface Bodies {
  preflight?: string;
  response?: string;
}

const RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };
// Proxies and CDNs sit in front of the app: when both are seen, the app's own fix comes first (§6 detection order).
const EDGE = new Set<BackendId>(['nginx', 'apache', 'caddy', 'aws', 'cloudflare']);

function hopsOf(o: Observed, bodies: Bodies): Hop[] {
  const hops: Hop[] = [];
  if (o.preflight)
    hops.push({
      kind: 'preflight',
      status: o.preflight.status,
      headers: o.preflight.responseHeaders,
      body: bodies.preflight ?? null,
      url: o.preflight.url,
    });
  o.hops.forEach((h, i) =>
    hops.push({
      kind: 'response',
      status: h.status,
      headers: h.responseHeaders,
      body: i === o.hops.length - 1 ? (bodies.response ?? null) : null,
      url: h.url,
    }),
  );
  return hops.filter((h) => h.status !== 0);
}

export function detectBackend(observed: Observed, bodies: Bodies = {}): Detection[] {
  const found = new Map<BackendId, Detection>();
  for (const hop of hopsOf(observed, bodies)) {
    const lower = new Map(
      Object.entries(hop.headers).map(([k, v]) => [
        k.toLowerCase(),
        typeof v === 'string' ? v : v.join(', '),
      ]),
    );
    const get = (name: string): string | null => lower.get(name) ?? null;
    for (const rule of RULES) {
      const evidence = rule.match(hop, get);
      if (evidence === null) continue;
      const prev = found.get(rule.backend);
      if (prev === undefined)
        found.set(rule.backend, { backend: rule.backend, confidence: rule.confidence, evidence: [evidence] });
      else {
        if (!prev.evidence.includes(evidence)) prev.evidence.push(evidence);
        // Two independent signals for one backend are worth more than either alone.
        const best = RANK[rule.confidence] > RANK[prev.confidence] ? rule.confidence : prev.confidence;
        prev.confidence = prev.evidence.length >= 2 && best === 'medium' ? 'high' : best;
      }
    }
  }
  // NestJS runs on Express: its body is the more specific answer.
  if (found.has('nestjs')) found.delete('express');
  return [...found.values()].sort(
    (a, b) =>
      RANK[b.confidence] - RANK[a.confidence] || Number(EDGE.has(a.backend)) - Number(EDGE.has(b.backend)),
  );
}
