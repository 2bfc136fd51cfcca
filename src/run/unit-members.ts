/**
 * A unit's members opened on their engines: each workload opened, its batch sized and warmed up
 * as the scheduler decides (the engine only runs each pass), and its figures taken at the end.
 * The first member that sizes its batch fixes the task count of the rest: variants run the same
 * work.
 */
import { LIMITS } from '../config/defaults.js';
import type { Engine, WorkloadHandle } from '../engine/engine.js';
import type { RoundReport } from '../engine/protocol.js';
import { needsWarmUp } from '../measure/warm-up.js';
import { cellId } from '../results/cell-id.js';
import type { CellResult, SuiteResult } from '../results/types.js';
import { withTasks, type Member, type MemberMeasure, type Unit } from './plan.js';

/** What the loop asks of analysis between looks. */
export interface Advisor {
  /** Cells (by id) whose estimate has not settled, judged on the workload as measured so far. */
  unsettled(cells: readonly CellResult[]): string[];
  /** The gate's say, when the run is judged against a baseline. */
  gate?: {
    looks: number;
    /** Before look `look` (2, 3, …): cells to re-measure, and how many rounds they need. */
    plan(run: Pick<SuiteResult, 'config' | 'cells' | 'yardsticks'>, look: number): { ids: string[]; rounds: number };
  };
}

/** A workload's cells as measured so far, kept from the engine's round reports. */
export class Tracked {
  readonly cells: CellResult[];
  readonly yardstick = { samples: [] as number[], rounds: [] as number[] };

  constructor(
    readonly name: string,
    opened: readonly CellResult[],
  ) {
    this.cells = opened.map((cell) => structuredClone(cell));
  }

  add(report: RoundReport): void {
    for (const got of report.cells) {
      const cell = this.cells.find((c) => cellId(c) === got.id);
      if (!cell) continue;
      cell.samples.push(...got.samples);
      (cell.rounds ??= []).push(...got.rounds);
      cell.state = got.state;
      if (got.error !== undefined) cell.error = got.error;
      if (got.mismatches) cell.mismatches = got.mismatches;
    }
    this.yardstick.samples.push(...report.yardstick.samples);
    this.yardstick.rounds.push(...report.yardstick.rounds);
  }

  live(): CellResult[] {
    return this.cells.filter((cell) => cell.state === 'completed');
  }
}

/** Where the unit gets its members' engines, and gives back the ones of their own. */
export interface Engines {
  start(member: Member): Promise<Engine>;
  release(member: Member, engine: Engine): Promise<void>;
}

export interface UnitContext {
  engines: Engines;
  advisor: Advisor;
  random: () => number;
  stopped(): boolean;
}

/** A member opened on its engine. */
export interface Side {
  /** Its place among the unit's members. */
  index: number;
  member: Member;
  engine: Engine;
  handle: WorkloadHandle;
  tracked: Tracked;
  /** Turns taken: a member's first keeps sequential first, since its checksums are the reference. */
  turns: number;
  sizing?: MemberMeasure['sizing'];
}

/**
 * The shortest sequential batch a Python workload is sized to, ms: a process pool's dispatch costs
 * about a millisecond a batch and a task's pickling a fraction of one, so shorter batches measure
 * the pool more than the work (count-primes, --quick: processes 1.24× at 20 ms batches, within
 * noise of 1; see docs/measurement.md).
 */
const PYTHON_BATCH_FLOOR_MS = 100;

/** The shortest batch worth timing for the runtime a workload's cells run on. */
function batchFloorMs(cells: readonly CellResult[]): number {
  return cells.some((cell) => cell.runtime) ? PYTHON_BATCH_FLOOR_MS : 0;
}

/**
 * Opens and warms up every member; the first that sizes its batch fixes the task count of the
 * others, but a twin's (other code, sized on its own). A member is in `sides` from the moment it is
 * open, so that an engine dying in its warm-up still leaves its cells, errored, in the result.
 */
export async function openAll(unit: Unit, ctx: UnitContext, sides: Side[]): Promise<void> {
  const open = async (member: Member, index: number): Promise<Side> => {
    const engine = await ctx.engines.start(member);
    let handle: WorkloadHandle;
    try {
      handle = await engine.open(member.config, member.spec, member.open);
    } catch (error) {
      await ctx.engines.release(member, engine);
      throw error;
    }
    const tracked = new Tracked(handle.cells[0]?.workload ?? member.spec.name, handle.cells);
    const side: Side = { index, member, engine, handle, tracked, turns: 0 };
    sides.push(side);
    const { config } = member;
    if (config.batchMs !== undefined && !ctx.stopped()) {
      const batchMs = Math.max(config.batchMs, batchFloorMs(handle.cells));
      const { sizing } = await handle.size({ batchMs, step: Math.max(...config.threads), floor: config.tasks });
      if (sizing) {
        const { ioRatio } = member.spec;
        side.sizing = { workload: tracked.name, ...(ioRatio !== undefined ? { ioRatio } : {}), ...sizing };
        for (const cell of tracked.cells) cell.tasks = sizing.tasks;
      }
    }
    await warmUp(ctx, side);
    return side;
  };
  if (unit.startTogether) {
    const started = await Promise.allSettled(unit.members.map(open));
    const failed = started.find((got): got is PromiseRejectedResult => got.status === 'rejected');
    if (failed) throw failed.reason;
  } else {
    // A twin is other code, sized for its own batch time; versions and interpreters share one size.
    const fixed = new Map<string, number>();
    for (const [index, member] of unit.members.entries()) {
      if (ctx.stopped() && sides.length > 0) break;
      const module = member.spec.twinOf === undefined ? '' : member.spec.name;
      const tasks = fixed.get(module);
      const side = await open(
        tasks === undefined ? member : { ...member, config: withTasks(member.config, tasks) },
        index,
      );
      if (tasks === undefined && side.sizing) fixed.set(module, side.sizing.tasks);
    }
  }
  // The turns name members by their place in the unit.
  sides.sort((a, b) => a.index - b.index);
}

/**
 * Warm-up passes until every cell's threads have run for the warm-up time and their passes have
 * stopped getting faster (needsWarmUp), at most LIMITS.maxWarmup: the engine runs each pass, the
 * scheduler decides how many.
 */
async function warmUp(ctx: UnitContext, side: Side): Promise<void> {
  const { config } = side.member;
  let warm = (await side.handle.warmUp([])).cells;
  for (let pass = 0; pass < LIMITS.maxWarmup && !ctx.stopped(); pass++) {
    const live = new Set(side.tracked.live().map(cellId));
    const cold = warm.filter(
      (cell) => live.has(cell.id) && needsWarmUp({ warmMs: cell.warmMs, warmPasses: cell.passes }, pass, config),
    );
    if (cold.length === 0) break;
    warm = (await side.handle.warmUp(cold.map((cell) => cell.id))).cells;
  }
}

export async function finish(side: Side): Promise<MemberMeasure> {
  const report = await side.handle.finish();
  const { kernel, samples, rounds } = report.yardstick;
  const { ioRatio } = side.member.spec;
  const at = ioRatio !== undefined ? { ioRatio } : {};
  return {
    member: side.member,
    cells: labelled(side.member, report.cells),
    checksums: report.checksums,
    ...(side.sizing ? { sizing: side.sizing } : {}),
    ...(samples.length > 0 ? { yardstick: { workload: side.tracked.name, ...at, kernel, samples, rounds } } : {}),
  };
}

/** A member's cells, each naming its variant where the result keeps several side by side. */
export function labelled(member: Member, cells: CellResult[]): CellResult[] {
  const { label } = member;
  if (label === undefined) return cells;
  // A simulated variant keeps its lock mode: it may differ from the run's (--twin under --gil none).
  const simulated = member.config.twinGils !== undefined && member.spec.twinOf !== undefined;
  return cells.map((cell) => ({ ...cell, variant: label, ...(simulated ? { gil: member.config.gil } : {}) }));
}
