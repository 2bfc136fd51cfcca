/**
 * Tasks sized by time: a workload's task count chosen from a measured pass, so that a sequential
 * batch takes about the same time on a host twice as fast or twice as slow. A fixed count would
 * make a first look take twice as long on a host twice as slow.
 */
import type { InputOptions, Workload } from '../../workloads/types.js';
import { LIMITS } from '../config/defaults.js';
import type { Batch, Strategy } from '../strategies/types.js';
import type { Subject } from './live.js';
import { stillFalling } from './warm-up.js';

/** What the pass measured and what it chose; stored in the result. */
export interface Sizing {
  /** One task's time at this size, on the main thread, ms (the last pass, once settled). */
  taskMs: number;
  /** The sequential batch asked for, ms. */
  batchMs: number;
  tasks: number;
}

export interface SizingRequest {
  batchMs: number;
  /** Counts are whole multiples of this (the largest thread count), so every thread gets as many tasks. */
  step: number;
  /** The fewest tasks. */
  floor: number;
}

/** The passes together take at least this share of the batch asked for: long enough for V8 to tier up a hot loop. */
const SIZING_SHARE = 0.5;

/** Sizing passes at most: a JIT that still tiers up after this many is left to the warm-up. */
const MAX_PASSES = 8;

/** A pass shorter than this share of the batch asked for runs too few tasks to have settled a JIT: the next runs twice as many. */
const SHORT_PASS_SHARE = 0.25;

/**
 * Runs passes of tasks on the main thread until one task's time has settled and the passes have
 * taken half a batch's time (the first pass compiles them; a JIT such as V8's keeps tiering up hot code
 * for milliseconds after, and a plateau between tiers looks settled), and returns the
 * count whose sequential batch would take about `batchMs`, with each pass's time a task (warm-up
 * for the main thread). A pass under a quarter of the batch runs twice the tasks of the one before. Sized
 * from a cold pass, a 0.3 ms task read 3.9 ms and its batches ran a tenth of their length.
 * Undefined for a workload of a fixed shape (its inputs ignore the count) or one whose pass
 * failed: it then runs as configured, and the failure is reported by its first timed batch.
 */
export async function sizeByTime(
  workload: Workload,
  sequential: Strategy,
  batch: Omit<Batch, 'inputs'>,
  inputs: Omit<InputOptions, 'tasks'>,
  request: SizingRequest,
): Promise<{ sizing: Sizing; taskPassesMs: number[] } | undefined> {
  const probe = workload.inputs({ ...inputs, tasks: request.step });
  if (probe.length !== request.step || workload.inputs({ ...inputs, tasks: 2 * request.step }).length === probe.length)
    return undefined;
  const taskPassesMs: number[] = [];
  let count = request.step;
  let spentMs = 0;
  const shortMs = request.batchMs * SHORT_PASS_SHARE;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const start = performance.now();
    const outcome = await sequential.run({ ...batch, inputs: workload.inputs({ ...inputs, tasks: count }) });
    const passMs = performance.now() - start;
    if (outcome.failures.length > 0) return undefined;
    taskPassesMs.push(passMs / count);
    spentMs += passMs;
    const settled = pass > 0 && !stillFalling(taskPassesMs);
    if (settled && passMs >= shortMs && spentMs >= request.batchMs * SIZING_SHARE) break;
    if (passMs < shortMs && count * 2 <= LIMITS.maxTasks) count *= 2;
  }
  // The faster of the last two: a collection in the last pass is not the task's own time.
  const taskMs = Math.min(...taskPassesMs.slice(-2));
  const wanted = Math.round(request.batchMs / Math.max(taskMs, 1e-3) / request.step) * request.step;
  const ceiling = Math.floor(LIMITS.maxTasks / request.step) * request.step;
  const tasks = Math.min(ceiling, Math.max(request.floor, wanted));
  return { sizing: { taskMs, batchMs: request.batchMs, tasks }, taskPassesMs };
}

/**
 * Sizes an opened workload by time (config.batchMs): its batch gets the chosen count of inputs,
 * its cells record it, and the main thread's strategies count the two passes as warm-up (one
 * task's time each, so that the trend check compares like with like).
 */
export async function sizeWorkload(
  request: SizingRequest,
  subject: Subject,
  drawn: Omit<InputOptions, 'tasks'>,
): Promise<Sizing | undefined> {
  const sequential = subject.cells.find((cell) => cell.result.strategy === 'sequential');
  if (!sequential || sequential.result.state !== 'completed') return undefined;
  const { inputs: _unused, ...batch } = subject.batch;
  const sized = await sizeByTime(subject.batch.workload, sequential.lane.strategy, batch, drawn, request);
  if (!sized) return undefined;
  subject.batch = { ...subject.batch, inputs: subject.batch.workload.inputs({ ...drawn, tasks: sized.sizing.tasks }) };
  const passes = sized.taskPassesMs;
  for (const cell of subject.cells) {
    cell.result.tasks = subject.batch.inputs.length;
    if (cell.lane.strategy.runsOn !== sequential.lane.strategy.runsOn) continue;
    cell.warmPasses.push(...passes);
    cell.warmMs += passes.reduce((sum, ms) => sum + ms, 0);
  }
  return sized.sizing;
}
