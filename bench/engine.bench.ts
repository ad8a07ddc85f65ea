// `npm run bench`: simulations per second of the engine, on a realistic mix of exchanges (preflights, redirects,
// credentials, failures) and, in the same run, on the simplest request as a baseline. Medians over alternating
// rounds, because timings on this 2-core machine scatter about ±10 % (docs/chromium-behaviour.md#measured-quirks). Goal: the
// mix at ≥ 500 000 simulations/s. Not a timed test: it prints, it does not fail.
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { diagnose, simulateFetch } from '../src/engine/index.ts';
import type { Observed, ServerAnswer, SimRequest } from '../src/engine/index.ts';

const PAGE = 'http://localhost:3000';
const API = 'http://127.0.0.1:8000';
const OTHER = 'http://127.0.0.1:8001';
const allow = (extra: Record<string, string> = {}): Record<string, string> => ({
  'access-control-allow-origin': PAGE,
  vary: 'Origin',
  ...extra,
});
const json = { 'content-type': 'application/json' };

const SERVER: Record<string, ServerAnswer> = {
  [`${API}/simple`]: { response: { status: 200, headers: { 'access-control-allow-origin': '*' } } },
  [`${API}/ok`]: {
    preflight: {
      status: 204,
      headers: allow({
        'access-control-allow-methods': 'GET, POST, PUT',
        'access-control-allow-headers': 'content-type, authorization',
      }),
    },
    response: { status: 200, headers: allow(json) },
  },
  [`${API}/missing`]: { response: { status: 200, headers: json } },
  [`${API}/creds`]: {
    response: { status: 200, headers: allow({ 'access-control-allow-credentials': 'true' }) },
  },
  [`${API}/500`]: {
    preflight: { status: 204, headers: allow({ 'access-control-allow-headers': 'content-type' }) },
    response: { status: 500, headers: { 'content-type': 'text/plain' } },
  },
  [`${API}/405`]: {
    preflight: { status: 405, headers: { allow: 'GET' } },
    response: { status: 200, headers: allow() },
  },
  [`${API}/redirect`]: { response: { status: 302, headers: allow({ location: `${OTHER}/target` }) } },
  [`${OTHER}/target`]: { response: { status: 200, headers: { 'access-control-allow-origin': '*' } } },
  [`${API}/methods`]: {
    preflight: { status: 204, headers: allow({ 'access-control-allow-methods': 'GET, POST' }) },
    response: { status: 200, headers: allow() },
  },
};

const req = (path: string, over: Partial<SimRequest> = {}): SimRequest => ({
  origin: PAGE,
  url: `${API}${path}`,
  method: 'GET',
  headers: {},
  credentials: 'same-origin',
  mode: 'cors',
  ...over,
});
const SIMPLEST = req('/simple');
const MIX: SimRequest[] = [
  SIMPLEST,
  req('/ok', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t' } }),
  req('/missing'),
  req('/creds', { credentials: 'include' }),
  req('/500', { method: 'POST', headers: { 'content-type': 'application/json' } }),
  req('/405', { method: 'POST', headers: { 'content-type': 'application/json' } }),
  req('/redirect'),
  req('/methods', { method: 'PUT' }),
  req('/ok', { method: 'PUT', headers: { accept: 'application/json', 'accept-language': 'en-US,en;q=0.9' } }),
  req('/simple', { mode: 'no-cors' }),
];

const OBSERVED: Observed = {
  pageOrigin: PAGE,
  method: 'POST',
  url: `${API}/500`,
  credentials: 'unknown',
  requestHeaders: { 'content-type': 'application/json' },
  preflight: {
    url: `${API}/500`,
    method: 'OPTIONS',
    requestHeaders: {
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
    status: 204,
    responseHeaders: allow({ 'access-control-allow-headers': 'content-type' }),
  },
  hops: [
    {
      url: `${API}/500`,
      method: 'POST',
      requestHeaders: {},
      status: 500,
      responseHeaders: { 'content-type': 'text/plain' },
    },
  ],
  netError: 'net::ERR_FAILED',
};

let sink = 0; // keeps the results alive so the JIT cannot drop the work

interface Rate {
  /** Per second of wall-clock time. */
  wall: number;
  /** Per second of this process's CPU time: what the engine costs when other processes share the cores. */
  cpu: number;
}

function measure(iterations: number, work: (i: number) => void): Rate {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) work(i);
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu0);
  const cpuMs = Math.max((used.user + used.system) / 1000, 1e-3);
  return { wall: iterations / (wallMs / 1000), cpu: iterations / (cpuMs / 1000) };
}

const simulateRate = (requests: readonly SimRequest[], iterations: number): Rate =>
  measure(iterations, (i) => {
    sink += simulateFetch(requests[i % requests.length] ?? SIMPLEST, SERVER).blocked ? 1 : 0;
  });

const diagnoseRate = (iterations: number): Rate =>
  measure(iterations, () => {
    sink += diagnose(OBSERVED).hints.length;
  });

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(11);
const row = (label: string, rates: Rate[], unit: string): string =>
  `  ${label.padEnd(48)}${fmt(median(rates.map((r) => r.wall)))} ${unit}/s wall  ${fmt(median(rates.map((r) => r.cpu)))} ${unit}/s CPU`;

simulateRate(MIX, 200_000); // warm-up: let the JIT settle before measuring
simulateRate([SIMPLEST], 200_000);
const simple: Rate[] = [];
const mix: Rate[] = [];
const diag: Rate[] = [];
for (let round = 0; round < 9; round++) {
  simple.push(simulateRate([SIMPLEST], 100_000));
  mix.push(simulateRate(MIX, 100_000));
  diag.push(diagnoseRate(10_000));
}
const ratio = median(mix.map((r) => r.wall)) / median(simple.map((r) => r.wall));
const out = [
  'CORS Lens engine benchmark (median of 9 alternating rounds; goal: the mix at >= 500,000 simulations/s)',
  row('baseline: simplest request (GET, ACAO *)', simple, 'sims'),
  row(`simulateFetch: realistic mix of ${String(MIX.length)} exchanges`, mix, 'sims'),
  row('diagnose: an observed 500 behind a preflight', diag, 'diags'),
  `  mix / baseline ${ratio.toFixed(2)}; wall < CPU means other processes took the cores.  checksum ${String(sink % 997)}`,
  '',
];
process.stdout.write(out.join('\n'));
