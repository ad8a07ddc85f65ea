// `import { test, expect } from 'cors-lens/playwright'`: the user's own Playwright tests, run in Chromium with the CORS
// Lens extension loaded. After each test, the extension's records of every tab of the test's browser become a report;
// a request the browser blocked fails the test (or annotates it) with the cause and the fix, and the redacted report
// is attached to the result. docs/ci.md#the-playwright-fixture says how to use it and why it records this way.
import { test as base, chromium, expect } from '@playwright/test';
import type {
  PlaywrightTestArgs,
  PlaywrightTestOptions,
  PlaywrightWorkerArgs,
  PlaywrightWorkerOptions,
  TestType,
} from '@playwright/test';
import type { BackendId } from '../fixes/types.ts';
import { toJson, type CorsReport } from '../report/index.ts';
import {
  launchFrom,
  makeProfile,
  type ContextOptions,
  type CorsLensLaunch,
  type Profile,
} from './profile.ts';
import { failureMessage, readReport, REPORT_NAME } from './read.ts';

export type { CorsLensLaunch, Profile } from './profile.ts';
export type { BackendId } from '../fixes/types.ts';
export type { CorsReport, ReportFailure } from '../report/index.ts';

export interface CorsLensOptions {
  /** 'fail' (default): a blocked request fails the test with its diagnosis; 'annotate': the test's result stands and
   * gets a `cors-lens` annotation; 'off': the extension is loaded and nothing is read. */
  corsLensMode: 'fail' | 'annotate' | 'off';
  /** The server the fix is written for (as `cors-lens check --backend`); default, detected from the response. */
  corsLensBackend: BackendId | null;
  /** How long the test's pages get, once its steps are done, to make and finish their requests (ms). */
  corsLensSettleMs: number;
}

export interface CorsLensWorkerOptions {
  corsLensLaunch: CorsLensLaunch;
}

export interface CorsLensFixtures {
  /** The report of what the extension recorded so far in this test, for a test's own assertions. */
  corsLens: { report(): Promise<CorsReport> };
}

export interface CorsLensWorkerFixtures {
  /** The worker's Chromium profile with the extension installed and "Record all tabs" granted. */
  corsLensProfile: Profile;
}

/** The test's context options that are set (a persistent context takes them at launch). */
const defined = (o: Record<string, unknown>): ContextOptions =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

type Test = TestType<
  PlaywrightTestArgs & PlaywrightTestOptions & CorsLensOptions & CorsLensFixtures,
  PlaywrightWorkerArgs & PlaywrightWorkerOptions & CorsLensWorkerOptions & CorsLensWorkerFixtures
>;

export const test: Test = base.extend<
  CorsLensOptions & CorsLensFixtures,
  CorsLensWorkerOptions & CorsLensWorkerFixtures
>({
  corsLensMode: ['fail', { option: true }],
  corsLensBackend: [null, { option: true }],
  corsLensSettleMs: [5_000, { option: true }],
  corsLensLaunch: [{}, { option: true, scope: 'worker' }],
  corsLensProfile: [
    async ({ corsLensLaunch }, use) => {
      const profile = await makeProfile(chromium, corsLensLaunch);
      await use(profile);
      profile.close();
    },
    { scope: 'worker' },
  ],
  context: async (
    {
      corsLensProfile,
      corsLensMode,
      corsLensBackend,
      corsLensSettleMs,
      contextOptions,
      baseURL,
      viewport,
      locale,
      timezoneId,
      extraHTTPHeaders,
      ignoreHTTPSErrors,
    },
    use,
    testInfo,
  ) => {
    // The extension lives in a persistent context only: the test's context options go to it.
    const options = defined({ baseURL, viewport, locale, timezoneId, extraHTTPHeaders, ignoreHTTPSErrors });
    const browser = await launchFrom(chromium, corsLensProfile, { ...contextOptions, ...options });
    let message: string | null = null;
    try {
      await use(browser.context);
      if (corsLensMode !== 'off') {
        const report = await readReport(browser.context, {
          extensionId: corsLensProfile.extensionId,
          backend: corsLensBackend,
          settleMs: corsLensSettleMs,
        });
        if (report.failures.length > 0)
          await testInfo.attach(REPORT_NAME, {
            body: toJson(report),
            contentType: 'application/json',
          });
        if (report.failures.some((f) => f.verdict === 'blocked')) message = failureMessage(report);
      }
    } finally {
      await browser.close();
    }
    if (message === null) return;
    if (corsLensMode === 'annotate') testInfo.annotations.push({ type: 'cors-lens', description: message });
    else throw new Error(message);
  },
  // The tab Chromium opened with the profile, so the test's page is the browser's only tab.
  page: async ({ context }, use) => {
    await use(context.pages()[0] ?? (await context.newPage()));
  },
  corsLens: async ({ context, corsLensProfile, corsLensBackend, corsLensSettleMs }, use) => {
    await use({
      report: () =>
        readReport(context, {
          extensionId: corsLensProfile.extensionId,
          backend: corsLensBackend,
          settleMs: corsLensSettleMs,
        }),
    });
  },
});

export { expect };
