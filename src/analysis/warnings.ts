import { MAX_RME } from '../config/defaults.js';
import { cellLabel } from '../results/cell-id.js';
import type { CellResult, Mechanism, SuiteResult, Warning } from '../results/types.js';
import { referenceOf } from '../results/reference.js';
import { relativeMargin } from '../stats/paired.js';
import { THRESHOLDS as T } from './thresholds.js';
import { otherCores } from './held-cores.js';
import { STILL_WARMING, warmingShare } from './warming.js';

/**
 * What one batch was: tasks sized to a time (each workload's as sized: a CPython process pool
 * needs longer batches than asked), or a fixed count.
 */
function batchWords(result: Pick<SuiteResult, 'config' | 'sizing'>): string {
  const { config } = result;
  if (config.batchMs === undefined) return `${config.tasks} tasks (size ${config.size})`;
  const sized = [...new Set((result.sizing ?? []).map((s) => s.batchMs))].sort((a, b) => a - b);
  const times = sized.length > 0 ? sized.join(' or ') : String(config.batchMs);
  return `about ${times} ms (size ${config.size} tasks, as many as fit)`;
}

/** How far a cell's speedup interval reaches either side of its value, as a share; 0 without one. */
const margin = (cell: CellResult): number => (cell.speedup ? relativeMargin(cell.speedup) || 0 : 0);
/** Fewer timed batches than this make a 95% interval too wide to trust (t = 2.78 at n = 5). */
const MIN_SAMPLES = 5;
/** A batch shorter than this many timer steps is measured too coarsely. */
const MIN_TIMER_STEPS = 1000;

/** Mechanisms whose gain depends on free cores: where a core limit or a busy machine matters. */
const ON_CORES: readonly Mechanism[] = ['parallel-compute', 'native-unlocked', 'gil-released', 'cores-not-free'];
const onCores = (cell: CellResult): boolean => (cell.verdict?.because ?? []).some((m) => ON_CORES.includes(m));

/** "primes / workers ×4 and 2 more". */
function someCells(cells: readonly CellResult[]): string {
  const [first, ...rest] = cells;
  if (!first) return '';
  return `${cellLabel(first)}${rest.length > 0 ? ` and ${rest.length} more` : ''}`;
}

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
  return [{ kind, message: `${cells.length} of ${total} cells ${what} (worst: ${cellLabel(top)} ${show(top)})`, hint }];
}

/** Everything about a run that makes its numbers less trustworthy, each with a fix. */
export function collectWarnings(result: SuiteResult): Warning[] {
  const warnings: Warning[] = [];
  const { config, environment, cells } = result;
  const maxThreads = Math.max(...config.threads);
  const cores = environment.availableParallelism;
  // Core limits matter only where a speedup comes from computing on several cores at once.
  const beyondCores = cells.filter((cell) => cell.threads > cores && onCores(cell));
  if (beyondCores.length > 0) {
    warnings.push({
      kind: 'threads-exceed-cores',
      message: `${Math.max(...beyondCores.map((c) => c.threads))} threads on ${cores} available cores: parallel compute cannot exceed ${cores}× (${someCells(beyondCores)})`,
      hint: `use --threads ${cores} to measure the machine's real parallelism`,
    });
  }
  // Tasks that held the simulated GIL from start to end: code that never calls ctx.checkpoint()
  // (a library's loop, say) cannot be asked to let go, as a C call that never releases the GIL.
  const unbroken = cells.filter(
    (cell) =>
      cell.lock !== undefined &&
      cell.lock.checkpoints === 0 &&
      cell.threads > 1 &&
      cell.lock.ioShare === 0 &&
      (cell.lock.nativeShare ?? 0) === 0 &&
      cell.state === 'completed',
  );
  if (unbroken.length > 0 && config.gil !== 'none') {
    warnings.push({
      kind: 'no-checkpoint',
      message: `the tasks never reached a checkpoint (ctx.checkpoint()), so under the simulated GIL each held it from its start to its end, as a C call that never releases the GIL does: no thread could take a turn mid-task (${someCells(unbroken)})`,
      hint: "call ctx.checkpoint() inside the task's loops, as CPython's eval loop checks between bytecodes",
    });
  }
  const capacity = environment.capacity;
  // The cores the run's threads could use at once: as many as the threads, up to the cores.
  const expected = Math.min(maxThreads, cores);
  const dependent = cells.filter(onCores);
  const free = capacity !== undefined && capacity.freeCores >= T.freeShare * expected;
  if (capacity && expected >= 2 && !free && dependent.length > 0) {
    warnings.push({
      kind: 'capacity',
      message: `only ${capacity.freeCores.toFixed(2)} of ${expected} cores were idle when the run started: other programs used the rest, so parallel compute will be understated (${someCells(dependent)})`,
      hint: 'close other programs (or wait for a quieter machine) and run again',
    });
  }
  // Idle at the start, yet other programs came during the batches.
  const others = otherCores(result);
  if (free && expected >= 2 && others !== undefined && others >= (1 - T.freeShare) * expected && dependent.length > 0) {
    warnings.push({
      kind: 'capacity',
      message: `other programs kept ${others.toFixed(2)} of ${expected} cores busy during the batches: parallel compute will be understated (${someCells(dependent)})`,
      hint: 'close other programs (or wait for a quieter machine) and run again',
    });
  }
  // Cores free, yet two raw threads gained little: the hardware's limit, not other programs'.
  const parallelism = capacity?.parallelism;
  if (free && parallelism !== undefined && parallelism < T.freeShare * 2 && dependent.length > 0) {
    warnings.push({
      kind: 'shared-cores',
      level: 'note',
      message: `two raw threads ran ${parallelism.toFixed(2)}× as fast as one, with the cores idle: they share execution units (SMT, a VM's vCPUs) or a quota holds them, so parallel compute stops near ${parallelism.toFixed(2)}× here (${someCells(dependent)})`,
      hint: 'read parallel speedups against that, not against the core count',
    });
  }
  // Judged per cell: a batch sized by time can hold more tasks than the configured floor.
  const starved = cells.filter((cell) => cell.tasks < cell.threads);
  const hungriest = starved.reduce<CellResult | undefined>(
    (worst, cell) => (!worst || cell.threads - cell.tasks > worst.threads - worst.tasks ? cell : worst),
    undefined,
  );
  if (hungriest) {
    warnings.push({
      kind: 'tasks-below-threads',
      message: `${hungriest.tasks} tasks for ${hungriest.threads} threads: some threads have nothing to do`,
      hint: `use --tasks ${maxThreads * 2} or more`,
    });
  }
  const measured = cells.filter((cell) => cell.stats && cell.stats.samples > 0);
  const fewest = Math.min(...measured.map((cell) => cell.stats?.samples ?? 0));
  // --quick asks for few batches on purpose: what it trades away is said once, as a note, instead
  // of as warnings against the run the user asked for (too few batches, so wide margins of error).
  const quickLook = config.quick === true && measured.length > 0;
  if (quickLook) {
    warnings.push({
      kind: 'quick',
      level: 'note',
      message: `--quick is a first look: ${fewest} timed batch${fewest === 1 ? '' : 'es'} of ${batchWords(result)} per strategy, so the 95% intervals are wide`,
      hint: 'run without --quick for figures you want to quote',
    });
  } else if (measured.length > 0 && fewest < MIN_SAMPLES) {
    warnings.push({
      kind: 'few-samples',
      message: `${fewest} timed batch${fewest === 1 ? '' : 'es'} per strategy: too few for 95% intervals you can trust`,
      hint: `use --iterations ${MIN_SAMPLES} or more for figures you want to quote`,
    });
  }
  const total = cells.length;
  warnings.push(
    ...cellsWarning(
      quickLook ? [] : measured.filter((cell) => margin(cell) * 100 > MAX_RME),
      total,
      'high-rme',
      config.timeMs > 0
        ? `ran out of their time budget with a speedup interval still past ±${MAX_RME}%`
        : `have a speedup whose 95% interval reaches past ±${MAX_RME}%`,
      margin,
      (cell) => `±${(margin(cell) * 100).toFixed(1)}%`,
      config.timeMs > 0
        ? `something else is using the CPU: close it, or raise --time (${config.timeMs} ms here) for more rounds`
        : 'something else is using the CPU: close it, or raise --max-iterations for more rounds',
    ),
    ...cellsWarning(
      measured.filter((cell) => warmingShare(cell) >= STILL_WARMING),
      total,
      'still-warming',
      'were still getting faster while timed: their first batches were slower than their last',
      warmingShare,
      (cell) => `first half ${(warmingShare(cell) * 100).toFixed(0)}% slower`,
      'raise --warmup-time, so that every thread has settled before timing starts',
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
  // A speedup beyond what the cores and the work allow: named with its batch, never a gain.
  for (const cell of cells.filter((c) => c.verdict?.class === 'measurement-fault')) {
    warnings.push({
      kind: 'measurement-fault',
      message: `${cellLabel(cell)}: ${cell.verdict?.headline ?? ''}: ${cell.verdict?.reason.replace(/; not a gain: run it again$/, '') ?? ''}`,
      hint: 'run it again: a batch that strays so far met something else on the machine',
      workload: cell.workload,
      strategy: cell.strategy,
    });
  }
  for (const reference of cells.filter((cell) => cell.strategy === 'sequential')) {
    if (referenceOf(cells, reference) === reference && reference.state !== 'completed') {
      warnings.push({
        kind: 'reference-failed',
        message: `${cellLabel(reference).replace(' / sequential', '')}: sequential failed, so no speedup could be computed`,
        hint: 'fix the workload so that it runs on the main thread',
        workload: reference.workload,
      });
    }
  }
  return warnings;
}
