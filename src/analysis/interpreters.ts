/**
 * Interpreters side by side (--python LIST): for each Python workload measured under several, what
 * an interpreter's for loop costs against the first one's (a build without the GIL pays for it on
 * one thread), and the fastest way to run the workload found in the run, with what it took a task.
 */
import { DEFAULTS } from '../config/defaults.js';
import { cellPhrase, runtimeLabel, strategyLabel } from '../results/cell-id.js';
import type { CellResult, SuiteResult } from '../results/types.js';
import { pairedSpeedup } from '../stats/paired.js';
import { median } from '../stats/quantile.js';

export const times = (x: number): string => `${x.toFixed(2)}×`;
export const ms = (x: number): string => (x < 10 ? `${x.toFixed(2)} ms` : `${x.toFixed(1)} ms`);

/** A cell's typical batch over its tasks: what one task took it. */
export const perTask = (cell: CellResult): number => median(cell.samples) / Math.max(1, cell.tasks);

/** The fastest way among these cells: the shortest typical task, whichever interpreter ran it. */
export function fastestOf(cells: readonly CellResult[]): CellResult | undefined {
  return cells.reduce<CellResult | undefined>((best, c) => (!best || perTask(c) < perTask(best) ? c : best), undefined);
}

/** The sentences, one per workload measured under more than one interpreter. */
export function interpreterSentences(result: SuiteResult): string[] {
  const estimator = result.config.estimator ?? DEFAULTS.estimator;
  const variants = result.config.pythons ?? [];
  if (variants.length < 2) return [];
  const python = result.cells.filter((c) => c.runtime && c.variant !== undefined);
  const workloads = [...new Set(python.map((c) => `${c.workload}@${c.ioRatio ?? ''}`))];
  return workloads.flatMap((key) => {
    const own = python.filter((c) => `${c.workload}@${c.ioRatio ?? ''}` === key);
    const loops = [...new Set(own.map((c) => c.variant))]
      .map((variant) => own.find((c) => c.variant === variant && c.strategy === 'sequential'))
      .filter((c): c is CellResult => c?.state === 'completed' && c.samples.length > 0);
    const [first, ...others] = loops;
    if (!first || others.length === 0) return [];
    const costs = others.map((other) => {
      // Their rounds took turns: round k of one met the machine round k of the other did.
      const ratio = pairedSpeedup(estimator, first, other);
      const interval = `${(1 / ratio.high).toFixed(2)}–${times(1 / ratio.low)}`;
      const slower = ratio.high < 1;
      const faster = ratio.low > 1;
      const verdict = slower
        ? `took ${times(1 / ratio.value)} as long (${interval})`
        : faster
          ? `took ${times(1 / ratio.value)} as long, faster (${interval})`
          : `took as long, within the noise (${interval})`;
      return `${runtimeLabel(other) ?? other.variant}'s for loop ${verdict} as ${runtimeLabel(first) ?? first.variant}'s`;
    });
    // The typical batch of every cell that ran right, whichever interpreter ran it.
    const done = own.filter((c) => c.state === 'completed' && c.samples.length > 0);
    const fastest = fastestOf(done);
    const batch = fastest ? median(fastest.samples) : 0;
    const best = fastest
      ? `; the fastest way to run it here: ${strategyLabel(fastest)} on ${runtimeLabel(fastest) ?? fastest.variant}, ${ms(batch)} a batch (${ms(batch / fastest.tasks)} a task)`
      : '';
    return [
      `Across interpreters (${cellPhrase({ workload: first.workload, ...(first.ioRatio !== undefined ? { ioRatio: first.ioRatio } : {}) })}): ${costs.join('; ')}${best}.`,
    ];
  });
}
