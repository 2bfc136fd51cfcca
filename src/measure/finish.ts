import type { Estimator, RunConfig } from '../config/types.js';
import { referenceOf } from '../results/reference.js';
import type { CellResult, IoLatency } from '../results/types.js';
import { pairedSpeedup } from '../stats/paired.js';
import { quantileSorted, summarize } from '../stats/summary.js';
import { summarizeLock } from './lock-metrics.js';
import type { LiveCell } from './live.js';
import { roundTo } from '../support/round.js';

/** Latencies (or any per-operation times, ms) as the result's I/O figures. */
export function summarizeIo(latencies: readonly number[]): IoLatency {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (x: number): number => roundTo(x, 3);
  return {
    ops: sorted.length,
    p50: round(quantileSorted(sorted, 0.5)),
    p99: round(quantileSorted(sorted, 0.99)),
    max: round(sorted[sorted.length - 1] ?? 0),
    totalMs: round(sorted.reduce((sum, x) => sum + x, 0)),
  };
}

/** Statistics, speedups against sequential, and lock metrics for a workload's cells. */
export function finishCells(
  cells: readonly LiveCell[],
  estimator: Estimator,
  config: RunConfig,
  cores: number,
): CellResult[] {
  // Microsecond resolution is all a whole batch needs, and keeps result files small.
  for (const cell of cells) cell.result.samples = cell.result.samples.map((s) => roundTo(s, 3));
  const results = cells.map((c) => c.result);
  const reference = results[0] ? referenceOf(results, results[0]) : undefined;
  const base = reference?.state === 'completed' && reference.samples.length > 0 ? reference : undefined;
  return cells.map(({ result, lock, ioLatencies, ioAlone, native, host }) => {
    const samples = result.samples;
    const out: CellResult = { ...result };
    if (samples.length === 0) return out;
    out.stats = summarize(samples);
    if (base && result.state === 'completed') {
      out.speedup = pairedSpeedup(estimator, base, result);
      out.efficiency = out.speedup.value / result.threads;
    }
    if (ioLatencies.length > 0) out.io = summarizeIo(ioLatencies);
    if (ioAlone.length > 0) out.ioAlone = summarizeIo(ioAlone);
    if (native.calls > 0) out.native = { calls: native.calls, totalMs: roundTo(native.ms, 3) };
    out.host = host.summary(samples, cores);
    // Free-threaded mode has no lock: nothing to report about one.
    if (lock.length > 0 && config.gil !== 'none') {
      const wall = samples.reduce((s, x) => s + x, 0);
      out.lock = summarizeLock(lock, wall, result.threads);
    }
    return out;
  });
}
