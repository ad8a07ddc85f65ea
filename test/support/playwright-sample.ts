// Runs the sample app's Playwright suite (examples/playwright-app) as its own team would, `playwright test` in a child
// process, and reads each test's result from Playwright's JSON reporter: status, error messages, annotations and the
// report CORS Lens's fixture attached. Shared by the e2e spec (the package's exports map in this checkout) and
// test/verify/package.ts (the packed package installed in an empty project).
import { execFile } from 'node:child_process';

export interface SampleTest {
  title: string;
  status: string;
  errors: string[];
  annotations: { type: string; description?: string }[];
  /** The attached cors-lens-report.json, parsed, or null. */
  report: unknown;
}

export interface SampleRun {
  code: number;
  tests: SampleTest[];
  stderr: string;
}

interface JsonResult {
  status: string;
  errors: { message?: string }[];
  annotations?: { type: string; description?: string }[];
  attachments: { name: string; body?: string }[];
}
interface JsonSuite {
  specs: {
    title: string;
    tests: { annotations: { type: string; description?: string }[]; results: JsonResult[] }[];
  }[];
  suites?: JsonSuite[];
}

const specsOf = (s: JsonSuite): JsonSuite['specs'] => [...s.specs, ...(s.suites ?? []).flatMap(specsOf)];

/** `playwright test -c <config> --reporter=json` in `cwd`; the runner's own variables are left out of the child's
 * environment, so a suite run from inside a Playwright test starts as a fresh run. */
export function runSample(
  cli: string,
  config: string,
  cwd: string,
  env: Record<string, string>,
  extraArgs: string[] = [],
): Promise<SampleRun> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(PW_|PLAYWRIGHT_|TEST_)/.test(k)),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, 'test', '-c', config, '--reporter=json', ...extraArgs],
      { cwd, env: { ...clean, ...env, FORCE_COLOR: '0' }, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
      (e, stdout, stderr) => {
        const code = e ? ((e as { code?: number }).code ?? -1) : 0;
        let suites: JsonSuite[];
        try {
          suites = (JSON.parse(stdout) as { suites: JsonSuite[] }).suites;
        } catch {
          resolve({ code, tests: [], stderr: `${stderr}\n${stdout.slice(0, 4000)}` });
          return;
        }
        const tests = suites.flatMap(specsOf).map((spec): SampleTest => {
          const t = spec.tests[0];
          const r = t?.results.at(-1);
          const attached = r?.attachments.find((a) => a.name === 'cors-lens-report.json')?.body;
          return {
            title: spec.title,
            status: r?.status ?? 'missing',
            errors: (r?.errors ?? []).map((x) => x.message ?? ''),
            annotations: [...(t?.annotations ?? []), ...(r?.annotations ?? [])],
            report: attached
              ? (JSON.parse(Buffer.from(attached, 'base64').toString('utf8')) as unknown)
              : null,
          };
        });
        resolve({ code, tests, stderr });
      },
    );
  });
}
