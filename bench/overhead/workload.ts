/** The page's workload, evaluated in the page: `n` cross-origin fetches of `url` (each with its own query, so none
 * is cached), all at once or one after another; resolves to the time they took (ms). */
export const RUN = (n: number, url: string, sequential: boolean): string => `(async () => {
  const nonce = Math.random().toString(36).slice(2);
  const one = (i) => fetch(${JSON.stringify(url)} + '?r=' + nonce + '-' + i).then((r) => r.text());
  const t0 = performance.now();
  if (${sequential}) for (let i = 0; i < ${n}; i++) await one(i);
  else await Promise.all(Array.from({ length: ${n} }, (_, i) => one(i)));
  return performance.now() - t0;
})()`;
