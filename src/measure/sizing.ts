/**
 * Tasks sized by time: a workload's task count chosen from a measured pass, so that a sequential
 * batch takes about the same time on a host twice as fast or twice as slow. A fixed count would
 * make a first look take twice as long on a host twice as slow.
 */
import type { InputOptions, Workload } from '../../workloads/types.js';
import { LIMITS } from '../config/defaults.js';
import type { Batch, Strategy } from '../strategies/types.js';
import type { Subject } from './live.js';

/** What the pass measured and what it chose; stored in the result. */
export interface Sizing {
  /** One task's time at this size, on the main thread, ms (the second of two passes). */
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

/**
 * Runs `step` tasks twice on the main thread (the first pass compiles them) and returns the count
 * whose sequential batch would take about `batchMs`, with both passes' times (warm-up for the
 * main thread). Undefined for a workload of a fixed shape (its
 * inputs ignore the count) or one whose pass failed: it then runs as configured, and the failure is
 * reported by its first timed batch.
 */
export async function sizeByTime(
  workload: Workload,
  sequential: Strategy,
  batch: Omit<Batch, 'inputs'>,
  inputs: Omit<InputOptions, 'tasks'>,
  request: SizingRequest,
): Promise<{ sizing: Sizing; passesMs: number[] } | undefined> {
  const probe = workload.inputs({ ...inputs, tasks: request.step });
  if (probe.length !== request.step || workload.inputs({ ...inputs, tasks: 2 * request.step }).length === probe.length)
    return undefined;
  const passesMs: number[] = [];
  for (let pass = 0; pass < 2; pass++) {
    const start = performance.now();
    const outcome = await sequential.run({ ...batch, inputs: probe });
    passesMs.push(performance.now() - start);
    if (outcome.failures.length > 0) return undefined;
  }
  const taskMs = (passesMs[1] ?? 0) / request.step;
  const wanted = Math.round(request.batchMs / Math.max(taskMs, 1e-3) / request.step) * request.step;
  const ceiling = Math.floor(LIMITS.maxTasks / request.step) * request.step;
  const tasks = Math.min(ceiling, Math.max(request.floor, wanted));
  return { sizing: { taskMs, batchMs: request.batchMs, tasks }, passesMs };
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
  const { step } = request;
  const { inputs: _unused, ...batch } = subject.batch;
  const sized = await sizeByTime(subject.batch.workload, sequential.lane.strategy, batch, drawn, request);
  if (!sized) return undefined;
  subject.batch = { ...subject.batch, inputs: subject.batch.workload.inputs({ ...drawn, tasks: sized.sizing.tasks }) };
  const passes = sized.passesMs.map((ms) => ms / step);
  for (const cell of subject.cells) {
    cell.result.tasks = subject.batch.inputs.length;
    if (cell.lane.strategy.runsOn !== sequential.lane.strategy.runsOn) continue;
    cell.warmPasses.push(...passes);
    cell.warmMs += passes.reduce((sum, ms) => sum + ms, 0);
  }
  return sized.sizing;
}
