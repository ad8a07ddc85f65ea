// `npm run bench:har`: `cors-lens har` on generated Chrome-style HAR files of 20 MB (twice: this run's noise floor)
// and 200 MB, each in a fresh Node process (--expose-gc), printing the peak V8 heap sampled while it runs. Bounded
// memory means the 200 MB file's peak stays near the 20 MB file's: the ratio of peaks is printed next to the ratio
// of sizes. Not a test: it prints, it does not fail.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PAGE = 'http://localhost:3000';
const BODY = 'x'.repeat(18_000);

function entry(i: number): string {
  const failing = i % 10 === 0;
  const url = `http://127.0.0.1:8000/api/item/${i}`;
  return JSON.stringify({
    _resourceType: 'fetch',
    pageref: 'page_1',
    startedDateTime: new Date(Date.UTC(2026, 0, 1) + i * 10).toISOString(),
    time: 5,
    request: {
      method: 'GET',
      url,
      headers: [
        { name: 'Origin', value: PAGE },
        { name: 'Accept', value: 'application/json' },
      ],
    },
    response: {
      status: failing ? 500 : 200,
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        ...(failing ? [] : [{ name: 'Access-Control-Allow-Origin', value: PAGE }]),
      ],
      redirectURL: '',
      _error: failing ? 'net::ERR_FAILED' : null,
      content: { size: BODY.length, mimeType: 'application/json', text: `{"body":"${BODY}"}` },
    },
  });
}

async function writeHar(file: string, megabytes: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (s: string): Promise<void> => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(
    `{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[{"id":"page_1","title":"${PAGE}/"}],"entries":[`,
  );
  for (let i = 0, size = 0; size < megabytes * 1024 * 1024; i++) {
    const e = (i === 0 ? '' : ',') + entry(i);
    size += e.length;
    await write(e);
  }
  await write(']}}');
  out.end();
  await once(out, 'finish');
}

/** Runs `cors-lens har` in a child that samples its own heap; returns the peak in MB and the seconds taken. */
function run(file: string, heapCapMb?: number): { peakMb: number; seconds: number; failures: number } {
  const script = `
    let peak = 0;
    const sample = () => { peak = Math.max(peak, process.memoryUsage().heapUsed); };
    const t = setInterval(sample, 20);
    const { main } = await import('./src/cli/main.ts');
    let out = '';
    const t0 = performance.now();
    const code = await main(['har', process.argv[1], '--json', '--quiet'], { stdout: (s) => (out += s), stderr: (s) => process.stderr.write(s) });
    sample();
    clearInterval(t);
    process.stdout.write(JSON.stringify({ code, peak, seconds: (performance.now() - t0) / 1000, failures: JSON.parse(out).failures.length }));
  `;
  const r = JSON.parse(
    execFileSync(
      process.execPath,
      [
        ...(heapCapMb ? [`--max-old-space-size=${heapCapMb}`] : []),
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
        file,
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    ),
  ) as { peak: number; seconds: number; failures: number };
  return { peakMb: r.peak / 1024 / 1024, seconds: r.seconds, failures: r.failures };
}

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const dir = mkdtempSync(join(tmpdir(), 'cors-lens-bench-har-'));
try {
  const small = join(dir, 'small.har');
  const large = join(dir, 'large.har');
  await writeHar(small, 20);
  await writeHar(large, 200);
  const sizeMb = (f: string): number => statSync(f).size / 1024 / 1024;
  const a = run(small);
  const b = run(small);
  const c = run(large);
  const capped = run(large, 64);
  const fmt = (n: number): string => n.toFixed(1);
  print(
    `HAR of ${fmt(sizeMb(small))} MB: peak heap ${fmt(a.peakMb)} MB, ${fmt(a.seconds)} s, ${a.failures} failures`,
  );
  print(
    `same file again (noise floor): peak heap ${fmt(b.peakMb)} MB (${(b.peakMb / a.peakMb).toFixed(2)}×)`,
  );
  print(
    `HAR of ${fmt(sizeMb(large))} MB: peak heap ${fmt(c.peakMb)} MB, ${fmt(c.seconds)} s, ${c.failures} failures`,
  );
  print(
    `file ${(sizeMb(large) / sizeMb(small)).toFixed(1)}× larger → peak heap ${(c.peakMb / a.peakMb).toFixed(2)}× (noise floor ${(b.peakMb / a.peakMb).toFixed(2)}×)`,
  );
  print(
    `HAR of ${fmt(sizeMb(large))} MB under a 64 MB old-space cap (--max-old-space-size=64): peak heap ${fmt(capped.peakMb)} MB, ${capped.failures} failures`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
