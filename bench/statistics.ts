export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles: every figure is a value that was measured. */
export function distributionOf(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (percentile: number) =>
    sorted.length === 0
      ? 0
      : (sorted[Math.max(0, Math.ceil((percentile / 100) * sorted.length) - 1)] ?? 0);
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1) ?? 0 };
}

export function median(values: readonly number[]): number {
  return distributionOf(values).p50;
}

export function perThousand(count: number, total: number): number {
  return total === 0 ? 0 : (count * 1000) / total;
}

/** Runs `work` over the items with at most `concurrency` in flight, results in input order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < items.length) {
      const index = nextIndex++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker),
  );
  return results;
}
