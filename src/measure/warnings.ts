import type { SuiteResult, Warning } from '../results/types.js';

/** Relative margin of error above which a cell's figures are called unreliable. */
const MAX_RME = 5;
/** Fewer timed batches than this make a confidence interval too wide to trust. */
const MIN_SAMPLES = 5;

/** Everything about a run that makes its numbers less trustworthy, each with a fix. */
export function collectWarnings(result: SuiteResult): Warning[] {
  const warnings: Warning[] = [];
  const { config, environment } = result;
  const maxThreads = Math.max(...config.threads);
  if (maxThreads > environment.availableParallelism) {
    warnings.push({
      kind: 'threads-exceed-cores',
      message: `${maxThreads} threads on ${environment.availableParallelism} available cores: parallel speedups cannot exceed ${environment.availableParallelism}×`,
      hint: `use --threads ${environment.availableParallelism} to measure the machine's real parallelism`,
    });
  }
  if (config.tasks < maxThreads) {
    warnings.push({
      kind: 'tasks-below-threads',
      message: `${config.tasks} tasks for ${maxThreads} threads: some threads have nothing to do`,
      hint: `use --tasks ${maxThreads * 2} or more`,
    });
  }
  if (config.iterations < MIN_SAMPLES) {
    warnings.push({
      kind: 'few-samples',
      message: `${config.iterations} timed batches per strategy: the 95% intervals are wide`,
      hint: `use --iterations ${MIN_SAMPLES} or more for figures you want to quote`,
    });
  }
  const noisy = result.cells.filter((cell) => cell.stats && cell.stats.rme > MAX_RME);
  if (noisy.length > 0) {
    const worst = noisy.reduce((a, b) => ((a.stats?.rme ?? 0) >= (b.stats?.rme ?? 0) ? a : b));
    warnings.push({
      kind: 'high-rme',
      message: `${noisy.length} of ${result.cells.length} cells have a relative error over ${MAX_RME}% (worst: ${worst.workload} / ${worst.strategy} ±${worst.stats?.rme.toFixed(1)}%)`,
      hint: 'close other programs, or raise --iterations',
    });
  }
  const workloads = new Set(result.cells.map((c) => c.workload));
  for (const workload of workloads) {
    const reference = result.cells.find((c) => c.workload === workload && c.strategy === 'sequential');
    if (reference && reference.state !== 'completed') {
      warnings.push({
        kind: 'reference-failed',
        message: `${workload}: sequential failed, so no speedup could be computed and checksums were compared with the first strategy that ran`,
        hint: 'fix the workload so that it runs on the main thread',
        workload,
      });
    }
  }
  return warnings;
}
