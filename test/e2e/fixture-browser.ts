// One spec file's fixture servers and Chromium with the built extension, started before the file's tests and closed
// after them: the set-up most panel and capture specs share.
import { test } from '@playwright/test';
import { launchWithExtension, type Launched, type LaunchOptions } from '../../src/cli/launch.ts';
import { startFixtureServers, type FixtureServers } from '../fixtures/cors-server.ts';

export interface FixtureBrowser {
  readonly servers: FixtureServers;
  readonly browser: Launched;
}

/** Call at the top of a spec file; read `servers` and `browser` inside its tests. */
export function fixtureBrowser(opts: LaunchOptions = {}): FixtureBrowser {
  let servers: FixtureServers | null = null;
  let browser: Launched | null = null;
  test.beforeAll(async () => {
    servers = await startFixtureServers();
    browser = await launchWithExtension(opts);
  });
  test.afterAll(async () => {
    await browser?.close();
    await servers?.close();
  });
  const started = <T>(x: T | null, what: string): T => {
    if (x === null) throw new Error(`${what} not started: read it inside a test`);
    return x;
  };
  return {
    get servers() {
      return started(servers, 'the fixture servers');
    },
    get browser() {
      return started(browser, 'the browser');
    },
  };
}
