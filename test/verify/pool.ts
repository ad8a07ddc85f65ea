// At most n of the items at a time, results in the items' order: the matrix and its audit pass share one pool.
export async function pool<T, R>(items: T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await f(items[i] as T);
      }
    }),
  );
  return results;
}
