// What runs inside the benchmark page. Kept as source text (not a function Playwright serialises) because tsx
// may wrap named functions in helpers that do not exist in the page.
export interface PageFigures {
  firstRenderMs: number;
  /** Until the last slice of the snapshot is diagnosed and listed. */
  allListedMs: number;
  rowsInDom: number;
  rowCount: number;
  scrollStepMs: number[];
  wheelFrameMs: number[];
  filterMs: Record<string, number>;
  selectMs: number;
}

/** An async arrow taking the records: snapshot → first paint, 200 scroll steps, filters, one selection. */
export const MEASURE_IN_PAGE = `async (records) => {
  const bench = window.panelBench;
  const macrotask = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
  const paint = () => new Promise((r) => requestAnimationFrame(() => r()));
  const settle = async () => { await macrotask(); document.body.getBoundingClientRect(); };
  const t0 = performance.now();
  bench.emit({ type: 'snapshot', tabId: 1, seq: 1, records, preserveLog: false });
  while (!document.querySelector('[data-testid="row"]')) await macrotask();
  document.body.getBoundingClientRect();
  await paint();
  const firstRenderMs = performance.now() - t0;
  while (bench.store.records.value.length < records.length) await macrotask();
  await paint();
  const allListedMs = performance.now() - t0;
  const rowsInDom = document.querySelectorAll('[data-testid="row"]').length;
  const rowCount = bench.store.visible.value.length;

  const list = document.querySelector('.list-body');
  const scrollStepMs = [];
  for (let i = 0; i < 200; i++) {
    const s = performance.now();
    list.scrollTop += 330;
    list.dispatchEvent(new Event('scroll'));
    await settle();
    scrollStepMs.push(performance.now() - s);
    await paint();
  }
  list.scrollTop = 0;
  await settle();

  const input = document.querySelector('input[type="search"]');
  const filterMs = {};
  for (const q of ['missingallow', 'items/99', 'no-match-zzz', '']) {
    const s = performance.now();
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    filterMs[q === '' ? '(clear)' : q] = performance.now() - s;
    await paint();
  }

  while (bench.store.backends.value.length === 0) await macrotask();
  const s = performance.now();
  document.querySelectorAll('[data-testid="row"]')[3].dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
  await settle();
  const selectMs = performance.now() - s;
  return { firstRenderMs, allListedMs, rowsInDom, rowCount, scrollStepMs, wheelFrameMs: [], filterMs, selectMs };
}`;

/** Resolves to 115 requestAnimationFrame intervals, recorded while the benchmark wheel-scrolls the list. */
export const WHEEL_FRAMES_IN_PAGE = `new Promise((done) => {
  const gaps = [];
  let last = performance.now();
  const tick = (t) => {
    gaps.push(t - last);
    last = t;
    if (gaps.length < 120) requestAnimationFrame(tick);
    else done(gaps.slice(5));
  };
  requestAnimationFrame(tick);
})`;
