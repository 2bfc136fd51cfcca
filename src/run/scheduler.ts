/**
 * The one owner of a run. It takes the plan (the configuration: workloads × strategies × thread
 * counts), starts the engine that measures it, asks for each workload's rounds (workload-rounds.ts),
 * turns the engine's events into progress, stops on the signal after the batch in flight, and keeps
 * what was measured when an engine's process dies. It never prints and never analyses beyond
 * asking the advisor which cells need more rounds.
 */
import type { RunConfig, WorkloadSpec } from '../config/types.js';
import type { Engine, EngineFactory } from '../engine/engine.js';
import type { CellTrace, EngineEvent, OpenOptions } from '../engine/protocol.js';
import { describeError, EngineCrashError } from '../errors.js';
import type { CellResult, SuiteResult } from '../results/types.js';
import { MAIN_THREAD_STRATEGIES } from '../strategies/names.js';
import { seededRandom } from '../support/random.js';
import { newResult } from './new-result.js';
import { systemClock, type Clock, type ProgressEvent } from './types.js';
import { measureRounds, Tracked, type Advisor } from './workload-rounds.js';

export interface ScheduleOptions {
  engine: EngineFactory;
  advisor: Advisor;
  clock?: Clock;
  /** Aborting stops after the batch in flight; the result is then marked partial. */
  signal?: AbortSignal;
  onProgress?(event: ProgressEvent): void;
  /** Each lock-guarded cell's whole traced batch, in turn (`--trace FILE` writes them). */
  onTrace?(trace: CellTrace): void | Promise<void>;
  /** Code of a workload that threw outside its tasks. */
  onEscaped?(message: string): void;
  open?: OpenOptions;
}

export interface Scheduled {
  result: SuiteResult;
  /** The regression gate's looks: 1 unless it re-measured undecided cells. */
  looks: number;
}

/** Cells per workload: main-thread strategies once, the others once per thread count. */
export function cellsPerWorkload(config: RunConfig): number {
  return config.strategies.reduce(
    (n, strategy) => n + (MAIN_THREAD_STRATEGIES.includes(strategy) ? 1 : config.threads.length),
    0,
  );
}

/** Runs every workload of the plan and returns what was measured, as data. */
export async function schedule(config: RunConfig, options: ScheduleOptions): Promise<Scheduled> {
  const clock = options.clock ?? systemClock;
  const result = newResult(config, clock.date());
  const total = cellsPerWorkload(config) * (config.warmup + config.iterations) * config.workloads.length;
  let done = 0;
  let traces = Promise.resolve();
  const onEvent = (event: EngineEvent): void => {
    if (event.type === 'escaped') options.onEscaped?.(event.message);
    else if (event.type === 'trace') traces = traces.then(() => options.onTrace?.(event.trace));
    else {
      if (!event.extra) done = Math.min(done + 1, total);
      const { workload, strategy, threads, extra } = event;
      options.onProgress?.({ type: 'batch', workload, strategy, threads, done, total, ...(extra ? { extra } : {}) });
    }
  };
  options.onProgress?.({ type: 'start', batches: total });
  const stopped = (): boolean => Boolean(options.signal?.aborted);
  let engine = await options.engine(onEvent);
  const abort = (): void => engine.abort();
  options.signal?.addEventListener('abort', abort);
  if (stopped()) engine.abort();
  let looks = 1;
  try {
    if (config.probe && !stopped()) result.environment.capacity = await engine.probe();
    const random = seededRandom(config.seed);
    for (const spec of config.workloads) {
      if (stopped()) break;
      const measured = await measureWorkload(engine, { config, spec, random, options, stopped });
      result.cells.push(...measured.cells);
      if (measured.sizing) (result.sizing ??= []).push(measured.sizing);
      if (measured.yardstick) (result.yardsticks ??= []).push(measured.yardstick);
      looks = Math.max(looks, measured.looks);
      await traces;
      if (measured.crashed) {
        // The next workload gets an engine of its own; the one that died is already gone.
        await engine.close().catch(() => undefined);
        engine = await options.engine(onEvent);
        if (stopped()) engine.abort();
      }
    }
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await traces.catch(() => undefined);
    await engine.close();
  }
  result.partial = stopped();
  result.finishedAt = clock.date().toISOString();
  return { result, looks };
}

interface WorkloadPlan {
  config: RunConfig;
  spec: WorkloadSpec;
  random: () => number;
  options: ScheduleOptions;
  stopped(): boolean;
}

interface Measured {
  cells: CellResult[];
  sizing?: NonNullable<SuiteResult['sizing']>[number];
  yardstick?: NonNullable<SuiteResult['yardsticks']>[number];
  looks: number;
  crashed: boolean;
}

/** One workload: open, warm up, the rounds, the traced batch, the figures, close. */
async function measureWorkload(engine: Engine, plan: WorkloadPlan): Promise<Measured> {
  const { config, spec, options, stopped } = plan;
  const handle = await engine.open(config, spec, options.open);
  const tracked = new Tracked(handle.cells[0]?.workload ?? spec.name, handle.cells);
  let looks = 1;
  let finished;
  let sizing: Measured['sizing'];
  try {
    const warmed = await handle.warmUp();
    if (warmed.sizing) {
      sizing = {
        workload: tracked.name,
        ...(spec.ioRatio !== undefined ? { ioRatio: spec.ioRatio } : {}),
        ...warmed.sizing,
      };
      for (const cell of tracked.cells) cell.tasks = warmed.sizing.tasks;
    }
    looks = await measureRounds({ config, handle, tracked, random: plan.random, advisor: options.advisor, stopped });
    // With --trace or --lanes: one more batch per lock-guarded cell, traced and untimed.
    if (config.trace && !stopped()) await handle.trace();
    finished = await handle.finish();
    await handle.close();
  } catch (error) {
    if (!(error instanceof EngineCrashError)) throw error;
    // What the rounds reported is kept; the cells that were still running say why they stopped.
    const cells = tracked.cells.map((cell) =>
      cell.state === 'completed' ? { ...cell, state: 'errored' as const, error: describeError(error) } : cell,
    );
    return { cells: kept(cells, stopped()), ...(sizing ? { sizing } : {}), looks, crashed: true };
  }
  const { kernel, samples, rounds } = finished.yardstick;
  const yardstick =
    samples.length > 0
      ? {
          workload: tracked.name,
          ...(spec.ioRatio !== undefined ? { ioRatio: spec.ioRatio } : {}),
          kernel,
          samples,
          rounds,
        }
      : undefined;
  return {
    cells: kept(finished.cells, stopped()),
    ...(yardstick ? { yardstick } : {}),
    ...(sizing ? { sizing } : {}),
    looks,
    crashed: false,
  };
}

/** A stopped run keeps what it measured: cells it never reached are left out. */
function kept(cells: CellResult[], stopped: boolean): CellResult[] {
  return stopped ? cells.filter((cell) => cell.samples.length > 0 || cell.state !== 'completed') : cells;
}
