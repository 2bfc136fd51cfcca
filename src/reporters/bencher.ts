import type { SuiteResult } from '../results/types.js';
import { cellId } from '../results/cell-id.js';
import type { Reporter } from './types.js';

interface Metric {
  value: number;
  lower_value?: number;
  upper_value?: number;
}

const NS_PER_MS = 1e6;

/**
 * Bencher Metric Format (BMF): for every completed cell, the built-in `latency` measure (a batch's
 * median time, in nanoseconds, ± the 95% margin of error) and a `speedup` measure (vs sequential, with
 * its bootstrap interval), which Bencher creates on first use.
 */
export const bencherReporter: Reporter = {
  name: 'bencher',
  machine: true,
  render(result: SuiteResult): string {
    const bmf: Record<string, Record<string, Metric>> = {};
    for (const cell of result.cells) {
      if (cell.state !== 'completed' || !cell.stats) continue;
      const { median, moe } = cell.stats;
      const measures: Record<string, Metric> = {
        latency: {
          value: Math.round(median * NS_PER_MS),
          lower_value: Math.round(Math.max(0, median - moe) * NS_PER_MS),
          upper_value: Math.round((median + moe) * NS_PER_MS),
        },
      };
      if (cell.speedup)
        measures['speedup'] = {
          value: cell.speedup.value,
          lower_value: cell.speedup.low,
          upper_value: cell.speedup.high,
        };
      bmf[cellId(cell)] = measures;
    }
    return `${JSON.stringify(bmf, null, 2)}\n`;
  },
};
