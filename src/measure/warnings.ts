import type { CellResult, SuiteResult, Warning } from '../results/types.js';

/** Relative margin of error, %, above which a cell's estimate has not settled. */
export const MAX_RME = 5;
/** Fewer timed batches than this make a 95% interval too wide to trust (t = 2.78 at n = 5). */
const MIN_SAMPLES = 5;
/** pyperf's stability check: a standard deviation over 10% of the mean. */
const MAX_CV = 0.1;
/** A batch shorter than this many timer steps is measured too coarsely. */
const MIN_TIMER_STEPS = 1000;
/** Free cores below this share of the cores the machine claims understate parallel speedups. */
const MIN_CAPACITY_SHARE = 0.8;

const label = (cell: CellResult): string =>
  `${cell.workload} / ${cell.strategy}${cell.threads > 1 ? ` ×${cell.threads}` : ''}`;

/** One warning for a set of cells, naming the worst. */
function cellsWarning(
  cells: CellResult[],
  total: number,
  kind: Warning['kind'],
  what: string,
  worst: (cell: CellResult) => number,
  show: (cell: CellResult) => string,
  hint: string,
): Warning[] {
  if (cells.length === 0) return [];
  const top = cells.reduce((a, b) => (worst(a) >= worst(b) ? a : b));
  return [{ kind, message: `${cells.length} of ${total} cells ${what} (worst: ${label(top)} ${show(top)})`, hint }];
}

/** Everything about a run that makes its numbers less trustworthy, each with a fix. */
export function collectWarnings(result: SuiteResult): Warning[] {
  const warnings: Warning[] = [];
  const { config, environment, cells } = result;
  const maxThreads = Math.max(...config.threads);
  const cores = environment.availableParallelism;
  if (maxThreads > cores) {
    warnings.push({
      kind: 'threads-exceed-cores',
      message: `${maxThreads} threads on ${cores} available cores: parallel speedups cannot exceed ${cores}×`,
      hint: `use --threads ${cores} to measure the machine's real parallelism`,
    });
  }
  const capacity = environment.capacity;
  const expected = Math.min(capacity?.threads ?? 2, cores);
  if (capacity && expected >= 2 && capacity.freeCores < MIN_CAPACITY_SHARE * expected) {
    warnings.push({
      kind: 'capacity',
      message: `only ${capacity.freeCores.toFixed(2)} of ${expected} cores were free when the run started: parallel speedups will be understated`,
      hint: 'close other programs (or wait for a quieter machine) and run again',
    });
  }
  if (config.tasks < maxThreads) {
    warnings.push({
      kind: 'tasks-below-threads',
      message: `${config.tasks} tasks for ${maxThreads} threads: some threads have nothing to do`,
      hint: `use --tasks ${maxThreads * 2} or more`,
    });
  }
  const measured = cells.filter((cell) => cell.stats && cell.stats.samples > 0);
  const fewest = Math.min(...measured.map((cell) => cell.stats?.samples ?? 0));
  if (measured.length > 0 && fewest < MIN_SAMPLES) {
    warnings.push({
      kind: 'few-samples',
      message: `${fewest} timed batch${fewest === 1 ? '' : 'es'} per strategy: too few for 95% intervals you can trust`,
      hint: `use --iterations ${MIN_SAMPLES} or more for figures you want to quote`,
    });
  }
  const total = cells.length;
  warnings.push(
    ...cellsWarning(
      measured.filter((cell) => (cell.stats?.rme ?? 0) > MAX_RME),
      total,
      'high-rme',
      `have a relative error over ${MAX_RME}%`,
      (cell) => cell.stats?.rme ?? 0,
      (cell) => `±${cell.stats?.rme.toFixed(1)}%`,
      'close other programs, or raise --iterations',
    ),
    ...cellsWarning(
      measured.filter((cell) => cell.stats && cell.stats.samples > 1 && cell.stats.sd > MAX_CV * cell.stats.mean),
      total,
      'unstable',
      `are unstable, with a standard deviation over ${MAX_CV * 100}% of the mean`,
      (cell) => (cell.stats ? cell.stats.sd / cell.stats.mean : 0),
      (cell) => `sd ${((cell.stats ? cell.stats.sd / cell.stats.mean : 0) * 100).toFixed(0)}%`,
      'something else is using the CPU: close it, or raise --iterations for more undisturbed batches',
    ),
    ...cellsWarning(
      measured.filter((cell) => (cell.stats?.median ?? Infinity) < MIN_TIMER_STEPS * environment.timerResolutionMs),
      total,
      'timer-resolution',
      `have batches shorter than ${MIN_TIMER_STEPS} timer steps (${(MIN_TIMER_STEPS * environment.timerResolutionMs * 1000).toFixed(0)} µs): the clock, not the work, sets their times`,
      (cell) => -(cell.stats?.median ?? 0),
      (cell) => `${((cell.stats?.median ?? 0) * 1000).toFixed(1)} µs`,
      'make batches longer: raise --tasks or --size',
    ),
  );
  const workloads = new Set(cells.map((c) => c.workload));
  for (const workload of workloads) {
    const reference = cells.find((c) => c.workload === workload && c.strategy === 'sequential');
    if (reference && reference.state !== 'completed') {
      warnings.push({
        kind: 'reference-failed',
        message: `${workload}: sequential failed, so no speedup could be computed`,
        hint: 'fix the workload so that it runs on the main thread',
        workload,
      });
    }
  }
  return warnings;
}
