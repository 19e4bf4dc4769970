/** Seconds taken by `work`, measured with the monotonic clock. */
export const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
};

/** Runs `workers` copies of `work` at once, each given its index. */
export const concurrently = (workers: number, work: (worker: number) => Promise<void>): Promise<void[]> =>
  Promise.all(Array.from({ length: workers }, (_, i) => work(i)));

export const perSecond = (count: number, seconds: number): number => Math.round(count / seconds);

/** Prints an aligned plain-text table: first column left, the others right. */
export const printTable = (
  title: string,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): void => {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ');
  console.log(`\n${title}`);
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  rows.forEach((row) => console.log(line(row)));
};

export const formatNumber = (n: number): string => n.toLocaleString('en-US');
