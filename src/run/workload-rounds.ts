/**
 * One unit of a plan, measured: its members opened and warmed up, the planned turns (each one
 * round of a member's cells, in an order shuffled from the seed after the member's first, so drift
 * on the machine hits every strategy alike), further rounds for cells that have not settled within
 * the --time budget, the regression gate's rounds for cells it cannot decide yet, the traced
 * batch, the figures, and closing. The one place an engine is asked for rounds: the engine runs
 * them, analysis names the cells (through the advisor), this file only counts and orders.
 */
import type { RunConfig } from '../config/types.js';
import { describeError, EngineCrashError } from '../errors.js';
import { cellId } from '../results/cell-id.js';
import type { CellResult } from '../results/types.js';
import { shuffle } from '../support/random.js';
import type { MemberMeasure, Unit, UnitMeasure } from './plan.js';
import { finish, labelled, openAll, type Side, type UnitContext } from './unit-members.js';

export { Tracked, type Advisor, type Engines, type UnitContext } from './unit-members.js';

/** Without a time budget, further rounds for unsettled cells may add at most this share of the planned timed time. */
export const EXTRA_TIME_SHARE = 0.2;

/** The regression gate's rounds may add at most this share of a workload's timed time. */
export const GATE_TIME_SHARE = 0.5;

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
