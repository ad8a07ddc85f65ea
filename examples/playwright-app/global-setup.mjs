// Starts the sample app for the suite (OS-chosen ports) and hands its URL to the tests. SAMPLE_API=fixed starts the
// API with its CORS set-up; anything else starts it without. SAMPLE_CONFIG_DELAY_MS makes the page's first call late.
import { startSample } from './server.mjs';

export default async function globalSetup() {
  const app = await startSample({
    api: process.env.SAMPLE_API === 'fixed' ? 'fixed' : 'broken',
    configDelayMs: Number(process.env.SAMPLE_CONFIG_DELAY_MS ?? 0),
  });
  process.env.SAMPLE_APP_URL = app.appUrl;
  return () => app.close();
}
