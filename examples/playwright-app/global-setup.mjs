// Starts the sample app for the suite (OS-chosen ports) and hands its URL to the tests. SAMPLE_API=fixed starts the
// API with its CORS set-up; anything else starts it without.
import { startSample } from './server.mjs';

export default async function globalSetup() {
  const app = await startSample({ api: process.env.SAMPLE_API === 'fixed' ? 'fixed' : 'broken' });
  process.env.SAMPLE_APP_URL = app.appUrl;
  return () => app.close();
}
