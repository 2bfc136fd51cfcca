import type { SuiteResult } from '../results/types.js';
import { formatInterval } from './format.js';
import { cellId } from '../results/cell-id.js';
import { headline } from './group.js';
import type { Reporter } from './types.js';

/** One entry of github-action-benchmark's `customSmallerIsBetter` input. */
export interface GithubBenchmarkEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

/**
 * github-action-benchmark's `customSmallerIsBetter` array: every completed cell's batch time by the
 * run's estimator (its fastest or median batch, as the table shows), and the speedup with its 95%
 * interval and the machine as extra lines for the chart tooltip.
 */
export const githubReporter: Reporter = {
  name: 'github',
  machine: true,
  render(result: SuiteResult): string {
    const env = result.environment;
    const shown = headline(result);
    const entries: GithubBenchmarkEntry[] = result.cells.flatMap((cell) => {
      if (cell.state !== 'completed' || !cell.stats) return [];
      const extra = [
        cell.speedup ? `speedup vs sequential ${formatInterval(cell.speedup)}` : undefined,
        `${shown.head} of ${cell.stats.samples} batches of ${cell.tasks} tasks, GIL ${result.config.gil}`,
        `${env.cpuModel}, ${env.availableParallelism} cores, Node ${env.node}`,
      ].filter(Boolean);
      return [
        {
          name: cellId(cell),
          unit: 'ms',
          value: Number(shown.time(cell.stats).toFixed(3)),
          extra: extra.join('\n'),
        },
      ];
    });
    return `${JSON.stringify(entries, null, 2)}\n`;
  },
};
