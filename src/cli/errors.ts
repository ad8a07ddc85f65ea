// The CLI's expected failures. Each carries one line for stderr; main.ts turns them into exit 2 without a stack.

/** Bad command line or input file: the user can fix it. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The server could not be probed: refused, DNS, TLS, timeout. */
export class ProbeError extends Error {
  override name = 'ProbeError';
}

/** The browser could not be launched or driven (record). */
export class BrowserError extends Error {
  override name = 'BrowserError';
}

export const isExpectedError = (e: unknown): e is UsageError | ProbeError | BrowserError =>
  e instanceof UsageError || e instanceof ProbeError || e instanceof BrowserError;
