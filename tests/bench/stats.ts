import { performance } from 'node:perf_hooks';

export interface Timing {
  p50: number;
  p95: number;
  max: number;
  samples: number;
}

export function summarize(durations: number[]): Timing {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0, samples: sorted.length };
}

/** Runs `fn` `times` times (after `warmup` unmeasured runs) and returns the latency distribution in ms. */
export async function measure(times: number, fn: (index: number) => unknown, warmup = 5): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const durations: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await fn(i);
    durations.push(performance.now() - start);
  }
  return summarize(durations);
}
