import type { SuiteResult } from '../results/types.js';
import { cellId } from '../results/cell-id.js';
import { headline } from './group.js';
import type { Reporter } from './types.js';

interface Metric {
  value: number;
  lower_value?: number;
  upper_value?: number;
}

const NS_PER_MS = 1e6;

/**
 * Bencher Metric Format (BMF): for every completed cell, the built-in `latency` measure (its batch time
 * by the run's estimator, the fastest or median batch as the table shows, in nanoseconds) and a
 * `speedup` measure (vs sequential, with its 95% interval from the rounds' paired ratios), which
 * Bencher creates on first use.
 */
export const bencherReporter: Reporter = {
  name: 'bencher',
  machine: true,
  render(result: SuiteResult): string {
    const bmf: Record<string, Record<string, Metric>> = {};
    const shown = headline(result);
    for (const cell of result.cells) {
      if (cell.state !== 'completed' || !cell.stats) continue;
      const measures: Record<string, Metric> = {
        latency: { value: Math.round(shown.time(cell.stats) * NS_PER_MS) },
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
