import type { Estimator, RunConfig } from '../config/types.js';
import { withTimingFigures } from '../results/figures.js';
import type { CellResult, IoLatency } from '../results/types.js';
import { median, quantileSorted } from '../stats/summary.js';
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
  const timed = withTimingFigures(
    cells.map((c) => c.result),
    estimator,
  );
  return cells.map(({ lock, ioLatencies, ioAlone, transfers, native, host }, i) => {
    const out = timed[i] as CellResult;
    const samples = out.samples;
    if (samples.length === 0) return out;
    if (ioLatencies.length > 0) out.io = summarizeIo(ioLatencies);
    if (ioAlone.length > 0) out.ioAlone = summarizeIo(ioAlone);
    if (native.calls > 0) out.native = { calls: native.calls, totalMs: roundTo(native.ms, 3) };
    out.host = host.summary(samples, cores);
    if (transfers.length > 0) out.transferMs = roundTo(median(transfers), 3);
    // Free-threaded mode has no lock: nothing to report about one.
    if (lock.length > 0 && config.gil !== 'none') {
      const wall = samples.reduce((s, x) => s + x, 0);
      out.lock = summarizeLock(lock, wall, out.threads);
    }
    return out;
  });
}
