// Every cap and timing constant of the extension, in one place, so a reviewer can see all bounds at once.
export const LIMITS = {
  /** Records kept per tab (ring buffer; the oldest go first). */
  recordsPerTab: 10_000,
  /** Allowed (successful) cross-origin exchanges kept per tab, in a ring of their own: they never evict a failure. */
  allowedPerTab: 1_000,
  /** A request whose final response headers arrived is called allowed once this long passes without an error or
   * another hop (ms); CORS errors follow the headers within about 1 ms. */
  successSettleMs: 300,
  /** Header values are truncated to this many characters before they are stored or sent. */
  headerValueChars: 2_048,
  /** Header names and methods are truncated to this many characters (real ones are a few dozen). */
  headerNameChars: 256,
  methodChars: 64,
  /** Redirect hops kept per record (Chrome follows at most 20). */
  hopsPerRecord: 20,
  /** Call-site URL and function name characters. */
  callSiteChars: 1_024,
  /** Caller frames kept below a call site (a call made through a client library has its options further down). */
  callerFrames: 16,
  /** One record's JSON at most; beyond it every header name and value is cut to the over-budget lengths. */
  recordBytes: 64 * 1_024,
  overBudgetNameChars: 48,
  overBudgetValueChars: 96,
  /** Headers kept per request or response. */
  headersPerMessage: 100,
  /** URLs are truncated to this many characters. */
  urlChars: 4_096,
  /** A preflight is linked to its request only within this window (ms). */
  preflightLinkWindowMs: 5_000,
  /** Requests in flight the webRequest assembler tracks, and for how long (ms); beyond, the oldest are forgotten. */
  inFlightMax: 2_000,
  inFlightMaxAgeMs: 60_000,
  /** Later reports of an exchange, page errors and verdicts look for their record among this many latest records. */
  recentScan: 2_000,
  /** Preflights waiting for their request, in each assembler (older ones are dropped). As many as requests in flight:
   * a refused preflight's request fails only once its response came, so a page that starts 400 preflighted calls
   * at once has 400 waiting (measured: with 200, half of them lost their link and were recorded as requests). */
  pendingPreflights: 2_000,
  /** An exchange one source reports matches a record the other created that started within this window (ms):
   * the two sources time the same start from different processes, further apart under load or after a worker
   * restart (webRequest then first sees the request at its error). */
  matchWindowMs: 10_000,
  /** The devtools page holds a redirect's hops until the chain ends, this long and this many chains at most. */
  redirectChainWindowMs: 30_000,
  redirectChainsPending: 200,
  /** A failure DevTools reported without a response is read again from getHAR() this much later (ms): it can
   * attach the response after the failure (devtools/har-exchanges.ts). */
  lateResponseMs: 150,
  /** How often such a failure is read again before it counts as unanswered (the server never responded). */
  rereadTries: 3,
  /** Exchanges the devtools page keeps until the worker says they are stored, and sends again on reconnect (the
   * oldest go first beyond it: a burst this large while the worker is down for good). */
  unackedExchangesMax: 5_000,
  /** After a worker restart, a tab stays "inspected" this long waiting for its DevTools page to reconnect (ms). */
  inspectReconnectGraceMs: 10_000,
  /** Largest page message accepted (characters of its JSON), before any field is read. */
  pageMessageChars: 12_000,
  /** Page messages accepted per tab per second; the rest are dropped. */
  pageMessagesPerSecond: 50,
  /** Page error fields are truncated to this many characters. */
  pageErrorChars: 4_000,
  /** Page errors the DevTools page hook keeps in the page until the devtools page reads them (the newest). */
  pageErrorsKept: 20,
  /** A page error annotates a failure only if it arrives within this window after the failure (ms). */
  pageErrorWindowMs: 2_000,
  /** A page error is attached at once to a failure this close to it (ms); otherwise it waits this long for a
   * closer one (DevTools' log reaches the worker after the content script), then takes the closest there is. */
  pageErrorNearMs: 50,
  pageErrorSettleMs: 500,
  /** Page errors kept per tab while waiting for their failure to be seen. */
  pendingPageErrors: 20,
  /** Chrome's verdicts (precise mode) kept per tab while waiting for their failure's record. Chromium reports a
   * failure as soon as it happens, DevTools' log a batch later, so a page that fails many loads at once has as many
   * waiting (measured: the 40 refused loads of test/e2e/capture-precise.spec.ts; a cap of 20 lost the first half). */
  pendingVerdicts: 256,
  /** A navigation keeps the verdicts that arrived this long before its boundary (protocol.ts Navigated.at, ms): they
   * may be the new page's first (background/service-state.ts reset). */
  verdictCarryMs: 2_000,
  /** The furthest before DevTools' news of a navigation the new document's own start may lie (devtools/
   * navigation-start.ts): a document whose response took longer is cleared from when DevTools said so. */
  navigationStartMaxAgeMs: 30_000,
  /** Persistence to storage.session is batched at most this often (ms). With webRequest ("Record all tabs"): 0 for a
   * failure, at the end of the task that changed the state, so a worker stopped between two events loses no failure
   * it had handled. With DevTools' log as the source, the devtools page keeps every exchange until the worker says it
   * is stored (protocol.ts Stored), so writes can wait and go together (one per burst instead of one per request). */
  persistDelayMs: 0,
  /** An allowed record from webRequest may wait this long to be written with others (and a tab's sequence number
   * with it): it was held in memory for successSettleMs already, and a write per request was the largest part of
   * "Record all tabs"' cost (bench/overhead/profile.ts; docs/architecture.md#compact-storage). With DevTools' log
   * every change may: the devtools page's batches wait for the write (docs/architecture.md#capture-overhead). */
  persistAllowedDelayMs: 200,
  /** Strings a tab's stored records share through the string table (background/string-table.ts); past it they
   * are stored inline. */
  internedPerTab: 4_096,
  /** Largest HAR file the panel opens ("Open HAR…", drop): it streams, but holds the file's records and diagnoses
   * while shown. `cors-lens har` streams any size (docs/har.md). */
  harFileBytes: 100 * 1_024 * 1_024,
  /** Panel reconnect back-off: first and largest delay (ms). */
  reconnectMinMs: 50,
  reconnectMaxMs: 2_000,
  /** The devtools page reconnects faster: while it is away, DevTools' evidence for the records waits. */
  devtoolsReconnectMaxMs: 400,
} as const;
