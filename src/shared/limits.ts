// Every cap and timing constant of the extension, in one place, so a reviewer can see all bounds at once.
export const LIMITS = {
  /** Records kept per tab (ring buffer; the oldest go first). */
  recordsPerTab: 10_000,
  /** Header values are truncated to this many characters before they are stored or sent. */
  headerValueChars: 2_048,
  /** Headers kept per request or response. */
  headersPerMessage: 100,
  /** URLs are truncated to this many characters. */
  urlChars: 4_096,
  /** A preflight is linked to its request only within this window (ms). */
  preflightLinkWindowMs: 5_000,
  /** Page messages accepted per tab per second; the rest are dropped. */
  pageMessagesPerSecond: 50,
  /** Page error fields are truncated to this many characters. */
  pageErrorChars: 4_000,
  /** A page error annotates a failure only if it arrives within this window after the failure (ms). */
  pageErrorWindowMs: 2_000,
  /** Persistence to storage.session is batched at most this often (ms). */
  persistDelayMs: 50,
  /** Panel reconnect back-off: first and largest delay (ms). */
  reconnectMinMs: 50,
  reconnectMaxMs: 2_000,
} as const;
