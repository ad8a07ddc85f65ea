// Polling for the CLI, e2e tests and scripts: retry until a value is truthy or the time is up (with what was awaited).
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function poll<T>(
  fn: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
