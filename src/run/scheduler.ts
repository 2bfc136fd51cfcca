/**
 * The one loop of every run. It takes a plan (run/plan.ts), starts the engines its units need,
 * measures each unit (workload-rounds.ts), turns the engines' events into progress, stops on the
 * signal after the batch in flight, and keeps what was measured when an engine's process dies. It
 * never prints and never analyses beyond asking the advisor which cells need more rounds; the plan
 * decides what comes next.
 */
import type { RunConfig } from '../config/types.js';
import type { Engine, EngineFactory } from '../engine/engine.js';
import type { CellTrace, EngineEvent, OpenOptions } from '../engine/protocol.js';
import type { CellResult, SuiteResult } from '../results/types.js';
import { seededRandom } from '../support/random.js';
import { newResult } from './new-result.js';
import { cellsPerWorkload, plainPlan, type Plan, type UnitMeasure } from './plan.js';
import { systemClock, type Clock, type ProgressEvent } from './types.js';
import { measureUnit, type Advisor, type Engines } from './workload-rounds.js';

export { cellsPerWorkload };

export interface ScheduleOptions {
  /** Starts an engine: the run's shared one, and one for each member that needs its own. */
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
  /** Every unit's cells, as one result (a stopped run keeps only the cells it reached). */
  result: SuiteResult;
  /** Each unit as measured, in order. */
  units: UnitMeasure[];
  /** The regression gate's looks: 1 unless it re-measured undecided cells. */
  looks: number;
}

/** Runs a plain plan: every workload of the configuration, one after another. */
export function schedule(config: RunConfig, options: ScheduleOptions): Promise<Scheduled> {
  return runPlan(plainPlan(config, options.open), options);
}

/** Runs every unit of the plan and returns what was measured, as data. */
export async function runPlan(plan: Plan, options: ScheduleOptions): Promise<Scheduled> {
  const clock = options.clock ?? systemClock;
  const result = newResult(plan.config, clock.date());
  let done = 0;
  let traces = Promise.resolve();
  const onEvent = (event: EngineEvent): void => {
    if (event.type === 'escaped') options.onEscaped?.(event.message);
    else if (event.type === 'trace') traces = traces.then(() => options.onTrace?.(event.trace));
    else if (!event.warm) {
      if (!event.extra) done = Math.min(done + 1, plan.total);
      const { workload, strategy, threads, extra } = event;
      const total = plan.total;
      options.onProgress?.({ type: 'batch', workload, strategy, threads, done, total, ...(extra ? { extra } : {}) });
    }
  };
  options.onProgress?.({ type: 'start', batches: plan.total });
  const stopped = (): boolean => Boolean(options.signal?.aborted);
  const live = new Set<Engine>();
  const started = async (): Promise<Engine> => {
    const engine = await options.engine(onEvent);
    live.add(engine);
    if (stopped()) engine.abort();
    return engine;
  };
  let shared: Promise<Engine> | undefined;
  const sharedEngine = (): Promise<Engine> => (shared ??= started());
  const engines: Engines = {
    start: (member) => (member.ownEngine ? started() : sharedEngine()),
    release: async (member, engine) => {
      if (!member.ownEngine) return;
      live.delete(engine);
      await engine.close().catch(() => undefined);
    },
  };
  const abort = (): void => {
    for (const engine of live) engine.abort();
  };
  options.signal?.addEventListener('abort', abort);
  const units: UnitMeasure[] = [];
  try {
    if (plan.config.probe && !stopped()) result.environment.capacity = await (await sharedEngine()).probe();
    const random = seededRandom(plan.config.seed);
    for (let unit = plan.next(units); unit && !stopped(); unit = plan.next(units)) {
      const measured = await measureUnit(unit, { engines, advisor: options.advisor, random, stopped });
      units.push(measured);
      await traces;
      if (measured.crash && shared && measured.members.some((m) => !m.member.ownEngine)) {
        // The next unit gets a shared engine of its own; the one that died is already gone.
        const dead = await shared;
        live.delete(dead);
        await dead.close().catch(() => undefined);
        shared = undefined;
      }
    }
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await traces.catch(() => undefined);
    for (const engine of live) await engine.close().catch(() => undefined);
  }
  collect(result, units, stopped());
  result.partial = stopped();
  result.finishedAt = clock.date().toISOString();
  const looks = plan.looks?.() ?? Math.max(1, ...units.map((u) => u.looks));
  return { result, units, looks };
}

/** Every member's cells, sizing and yardstick, into the result. */
function collect(result: SuiteResult, units: readonly UnitMeasure[], stopped: boolean): void {
  for (const { members } of units)
    for (const member of members) {
      result.cells.push(...kept(member.cells, stopped));
      if (member.sizing) (result.sizing ??= []).push(member.sizing);
      if (member.yardstick) (result.yardsticks ??= []).push(member.yardstick);
    }
}

/** A stopped run keeps what it measured: cells it never reached are left out. */
function kept(cells: CellResult[], stopped: boolean): CellResult[] {
  return stopped ? cells.filter((cell) => cell.samples.length > 0 || cell.state !== 'completed') : cells;
}
