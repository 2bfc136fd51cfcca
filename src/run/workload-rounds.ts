/**
 * One unit of a plan, measured: its members opened and warmed up, the planned turns (each one
 * round of a member's cells, in an order shuffled from the seed after the member's first, so drift
 * on the machine hits every strategy alike), further rounds for cells that have not settled within
 * the --time budget, the regression gate's rounds for cells it cannot decide yet, the traced
 * batch, the figures, and closing. The one place an engine is asked for rounds: the engine runs
 * them, analysis names the cells (through the advisor), this file only counts and orders.
 */
import { LIMITS } from '../config/defaults.js';
import type { RunConfig } from '../config/types.js';
import { needsWarmUp } from '../measure/warm-up.js';
import type { Engine, WorkloadHandle } from '../engine/engine.js';
import type { RoundReport } from '../engine/protocol.js';
import { describeError, EngineCrashError } from '../errors.js';
import { cellId } from '../results/cell-id.js';
import type { CellResult, SuiteResult } from '../results/types.js';
import { shuffle } from '../support/random.js';
import type { Member, MemberMeasure, Unit, UnitMeasure } from './plan.js';

/** Without a time budget, further rounds for unsettled cells may add at most this share of the planned timed time. */
export const EXTRA_TIME_SHARE = 0.2;

/** The regression gate's rounds may add at most this share of a workload's timed time. */
export const GATE_TIME_SHARE = 0.5;

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
interface Side {
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

const keyOf = (cell: CellResult): string => `${cell.strategy}/${cell.threads}`;
const spent = (cell: CellResult): number => cell.samples.reduce((sum, s) => sum + s, 0);
const timedMs = (cells: readonly CellResult[]): number => cells.reduce((sum, cell) => sum + spent(cell), 0);

/** A workload's share of the run's timed budget (--time), ms; 0 when the run has none. */
export function workloadShareMs(config: RunConfig): number {
  return config.timeMs > 0 ? config.timeMs / config.workloads.length : 0;
}

/** One round of these cells of a side; nothing to run when none is live. */
async function runRound(ctx: UnitContext, side: Side, cells: readonly CellResult[], extra: boolean, iterations = 1) {
  const live = cells.filter((cell) => cell.state === 'completed');
  if (live.length === 0 || ctx.stopped()) return;
  side.tracked.add(await side.handle.round({ cells: live.map(cellId), iterations, extra }));
}

/** Measures one unit of the plan. */
export async function measureUnit(unit: Unit, ctx: UnitContext): Promise<UnitMeasure> {
  const sides: Side[] = [];
  let looks = 1;
  let measured: MemberMeasure[] | undefined;
  try {
    await openAll(unit, ctx, sides);
    for (const index of unit.turns) {
      if (ctx.stopped()) break;
      const side = sides[index] as Side;
      const cells = side.tracked.cells.filter(
        (c) => !unit.keys || c.strategy === 'sequential' || unit.keys.has(keyOf(c)),
      );
      const order =
        side.turns === 0
          ? cells
          : shuffle(
              cells.filter((c) => c.state === 'completed'),
              ctx.random,
            );
      side.turns++;
      await runRound(ctx, side, order, unit.extra, unit.iterations);
    }
    if (unit.adaptive)
      for (const side of sides) {
        await furtherRounds(ctx, side);
        looks = Math.max(looks, await gateRounds(ctx, side));
      }
    if (unit.trace && !ctx.stopped()) for (const side of sides) await side.handle.trace();
    measured = [];
    for (const side of sides) measured.push(await finish(side));
    for (const side of sides) await side.handle.close();
  } catch (error) {
    if (!(error instanceof EngineCrashError)) throw error;
    // What the rounds reported is kept; the cells that were still running say why they stopped.
    const members = sides.map((side) => ({
      member: side.member,
      cells: labelled(
        side.member,
        side.tracked.cells.map((cell) =>
          cell.state === 'completed' ? { ...cell, state: 'errored' as const, error: describeError(error) } : cell,
        ),
      ),
      checksums: [],
      ...(side.sizing ? { sizing: side.sizing } : {}),
    }));
    return { unit, members, looks, crash: error.message, stopped: ctx.stopped() };
  } finally {
    for (const side of sides) await ctx.engines.release(side.member, side.engine);
  }
  return { unit, members: measured, looks, stopped: ctx.stopped() };
}

/**
 * Opens and warms up every member; the first that sizes its batch fixes the task count of the
 * rest. A member is in `sides` from the moment it is open, so that an engine dying in its warm-up
 * still leaves its cells, errored, in the result.
 */
async function openAll(unit: Unit, ctx: UnitContext, sides: Side[]): Promise<void> {
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
    let fixed: number | undefined;
    for (const [index, member] of unit.members.entries()) {
      if (ctx.stopped() && sides.length > 0) break;
      const { batchMs: _sizedBy, ...unsized } = member.config;
      const side = await open(
        fixed === undefined ? member : { ...member, config: { ...unsized, tasks: fixed } },
        index,
      );
      fixed ??= side.sizing?.tasks;
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

async function finish(side: Side): Promise<MemberMeasure> {
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
function labelled(member: Member, cells: CellResult[]): CellResult[] {
  const { label } = member;
  return label === undefined ? cells : cells.map((cell) => ({ ...cell, variant: label }));
}

/** In a round beyond the planned ones, sequential runs too: each new batch needs its pair. */
async function extraRound(ctx: UnitContext, side: Side, ids: readonly string[]): Promise<void> {
  const reference = side.tracked.cells.find((cell) => cell.strategy === 'sequential');
  const chosen = side.tracked.live().filter((cell) => cell !== reference && ids.includes(cellId(cell)));
  if (reference?.state !== 'completed' || chosen.length === 0) return;
  await runRound(ctx, side, shuffle([reference, ...chosen], ctx.random), true);
}

/**
 * Cells whose estimate has not settled get further rounds, up to --max-iterations: noise on a
 * shared machine comes in bursts, and each further batch is another chance at an undisturbed one.
 * The workload stops when every cell has settled or its share of the run's time budget is spent;
 * without a budget, further rounds add a fifth of the planned time at most.
 */
async function furtherRounds(ctx: UnitContext, side: Side): Promise<void> {
  const { cells } = side.tracked;
  const planned = timedMs(cells);
  const share = workloadShareMs(side.member.config);
  const room = (): boolean =>
    share > 0 ? timedMs(cells) < share : timedMs(cells) - planned < planned * EXTRA_TIME_SHARE;
  while (!ctx.stopped() && room()) {
    const ids = ctx.advisor.unsettled(cells);
    if (ids.length === 0) break;
    const before = timedMs(cells);
    await extraRound(ctx, side, ids);
    if (timedMs(cells) === before) break;
  }
}

/**
 * The gate's further looks: the undecided cells, with sequential beside them, for the rounds the
 * gate asks, within half the workload's timed time.
 */
async function gateRounds(ctx: UnitContext, side: Side): Promise<number> {
  const gate = ctx.advisor.gate;
  if (!gate) return 1;
  const { tracked } = side;
  const start = timedMs(tracked.cells);
  const budget = start * GATE_TIME_SHARE;
  let looks = 1;
  for (let look = 2; look <= gate.looks && !ctx.stopped(); look++) {
    const snapshot = {
      config: side.member.config,
      cells: tracked.cells,
      yardsticks: [{ workload: tracked.name, kernel: 'yardstick', ...tracked.yardstick }],
    };
    const plan = gate.plan(snapshot, look);
    if (plan.ids.length === 0 || plan.rounds <= 0 || timedMs(tracked.cells) - start >= budget) break;
    looks = look;
    for (let round = 0; round < plan.rounds && timedMs(tracked.cells) - start < budget && !ctx.stopped(); round++) {
      await extraRound(ctx, side, plan.ids);
    }
  }
  return looks;
}
