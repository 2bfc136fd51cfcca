import { MAIN_THREAD_STRATEGIES } from '../strategies/names.js';
import type { CellFacts, CellResult, SuiteResult } from '../results/types.js';
import { gilOf } from '../results/cell-id.js';
import { completedReferenceOf } from '../results/reference.js';
import { roundTo } from '../support/round.js';
import { lockedFor, speedupBound } from './bounds.js';

const sum = (values: readonly number[]): number => values.reduce((total, x) => total + x, 0);
const round = (x: number): number => roundTo(x, 3);

/** All the time a cell's tasks spent in I/O waits over its timed batches (older results: estimated). */
function waitedMs(cell: CellResult): number {
  if (!cell.io) return 0;
  return cell.io.totalMs ?? cell.io.ops * cell.io.p50;
}

/** How many of a cell's tasks could run at once under its strategy (async: all, or --async-limit). */
export function concurrencyOf(cell: CellResult, asyncLimit?: number): number {
  if (cell.strategy === 'async') return Math.max(1, Math.min(asyncLimit ?? cell.tasks, cell.tasks));
  if (MAIN_THREAD_STRATEGIES.includes(cell.strategy)) return 1;
  return Math.max(1, Math.min(cell.threads, cell.tasks));
}

/**
 * What the measurements say about a workload, from its sequential run: the share of its time spent
 * waiting, and in native sections. Its declared kind plays no part.
 */
export function profileOf(reference: CellResult | undefined): { waitShare?: number; nativeShare?: number } {
  const wall = reference ? sum(reference.samples) : 0;
  if (!reference || !(wall > 0)) return {};
  return {
    waitShare: round(Math.min(1, waitedMs(reference) / wall)),
    nativeShare: round(Math.min(1, (reference.native?.totalMs ?? 0) / wall)),
  };
}

/**
 * The share of sequential's typical batch the work needs a core for: the least CPU time any cell
 * of the workload spent on the same tasks. Not sequential's own alone: a thread that idles between
 * tasks computes them slower (word-count, 16 tasks each waiting 2 ms: sequential's batch took
 * 32.8 ms of CPU, async's 24.5 ms for the same tasks), and the bound must not fall below a speedup
 * the work really gives.
 */
function computingShare(cells: readonly CellResult[], reference: CellResult): number | undefined {
  const typical = reference.stats?.median;
  if (!reference.host || typical === undefined || !(typical > 0) || reference.tasks <= 0) return undefined;
  const perTask = cells
    .filter((c) => c.state === 'completed' && c.host && c.tasks > 0 && completedReferenceOf(cells, c) === reference)
    .map((c) => (c.host as NonNullable<CellResult['host']>).cpuMsPerBatch / c.tasks);
  return (Math.min(reference.host.cpuMsPerBatch / reference.tasks, ...perTask) * reference.tasks) / typical;
}

/** The measured quantities a cell's verdict may rest on, and the run settings that frame them. */
export function factsOf(cell: CellResult, result: SuiteResult): CellFacts {
  const { environment } = result;
  const reference = completedReferenceOf(result.cells, cell);
  const wall = sum(cell.samples);
  const facts: CellFacts = {
    concurrency: concurrencyOf(cell, result.config.asyncLimit),
    freeCores: environment.capacity?.freeCores ?? environment.availableParallelism,
    ...profileOf(reference),
  };
  if (cell.host && cell.stats && cell.stats.median > 0)
    facts.busyCores = round(cell.host.cpuMsPerBatch / cell.stats.median);
  if (wall > 0) facts.concurrentWaits = round(waitedMs(cell) / wall);
  // Tasks in progress at a time: a task either computes (a busy core) or waits.
  if (facts.busyCores !== undefined && facts.concurrentWaits !== undefined) {
    facts.activeTasks = round(facts.busyCores + facts.concurrentWaits);
  }
  if (cell.lock && gilOf(cell, result.config.gil) !== 'none') {
    facts.lockBusy = round(cell.lock.holdShare * cell.threads);
    if (wall > 0) facts.vainWakeupsPerSecond = round(cell.lock.failedWakeups / (wall / 1000));
  }
  if (cell.host?.loopLagP99 !== undefined) facts.loopLagP99 = cell.host.loopLagP99;
  // The same I/O alone under this strategy; older results have only sequential's to go by.
  const alone = cell.ioAlone ?? reference?.io;
  if (cell.io && alone) facts.ioExtraMs = round(cell.io.p50 - alone.p50);
  const tasksMs = reference?.stats && reference.tasks > 0 ? reference.stats.median / reference.tasks : undefined;
  if (tasksMs !== undefined) facts.taskMs = round(tasksMs);
  // The engine's transfer batch: every input to the pool (processes, or Node's threads) and back, with no work.
  const transfer = cell.runtime?.transferMs ?? cell.transferMs;
  if (cell.strategy === 'workers' && transfer !== undefined && cell.tasks > 0)
    facts.transferMs = round(transfer / cell.tasks);
  if (cell.io && reference?.io) {
    // The wait itself, without the wait for the lock that follows it under a GIL.
    const own = cell.io.p50 - (cell.lock?.convoyP50 ?? 0);
    if (reference.io.p50 > 0) facts.waitRatio = round(Math.max(0, own) / reference.io.p50);
  }
  // Last: the bound reads the busy cores, the concurrency and the waits' ratio above.
  const computing = reference ? computingShare(result.cells, reference) : undefined;
  const bound = speedupBound(
    cell,
    facts,
    environment.availableParallelism,
    lockedFor(cell, result.config.gil),
    computing,
  );
  if (bound !== undefined && cell.strategy !== 'sequential') facts.bound = roundTo(bound, 2);
  return facts;
}
