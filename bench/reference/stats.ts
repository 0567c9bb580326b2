import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Median and 95th percentile (nearest rank) of one set of timings, in milliseconds. */
export interface Stats {
  n: number;
  median: number;
  p95: number;
  max: number;
}

export function summarize(values: readonly number[]): Stats {
  if (values.length === 0) throw new Error('no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return { n: sorted.length, median: rank(0.5), p95: rank(0.95), max: sorted[sorted.length - 1]! };
}

/** The peak resident set size seen by the sampler (bytes); the kernel's maxRSS is read at the end. */
let peakRss = 0;
export function sampleRss(): void {
  const rss = process.memoryUsage.rss();
  if (rss > peakRss) peakRss = rss;
}
export const sampledPeakRss = (): number => peakRss;

/**
 * Times `run` once per input after `warmup` untimed calls on other inputs. Each call starts on a
 * fresh turn of the event loop, as a separate IPC message would, so a worker's messages and
 * timers get their turn between calls.
 */
export async function timeEach<I>(inputs: readonly I[], warmup: number, run: (input: I) => unknown): Promise<number[]> {
  if (inputs.length <= warmup) throw new Error('not enough inputs for the warm-up and the samples');
  for (const input of inputs.slice(0, warmup)) await run(input);
  const times: number[] = [];
  for (const input of inputs.slice(warmup)) {
    await nextTurn();
    const started = performance.now();
    await run(input);
    times.push(performance.now() - started);
    sampleRss();
  }
  return times;
}

/** The demo data's seeded generator, so every run picks the same inputs from the same data. */
export { mulberry32 as seededRandom } from '../../electron/core/demo/demo-data';

/** `count` items drawn with replacement from `pool`. */
export function draw<T>(pool: readonly T[], count: number, random: () => number): T[] {
  if (pool.length === 0) throw new Error('empty input pool');
  return Array.from({ length: count }, () => pool[Math.floor(random() * pool.length)]!);
}
