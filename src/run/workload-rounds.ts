/**
 * The rounds of one workload, as the scheduler decides them: the planned rounds (every cell one
 * batch per round, in an order shuffled from the seed after the first, so drift on the machine
 * hits every strategy alike), further rounds for cells that have not settled within the --time budget,
 * and the regression gate's rounds for cells it cannot decide yet. The engine runs them; analysis
 * names the cells; this file only counts and orders.
 */
import type { RunConfig } from '../config/types.js';
import type { WorkloadHandle } from '../engine/engine.js';
import type { RoundReport } from '../engine/protocol.js';
import { cellId } from '../results/cell-id.js';
import type { CellResult, SuiteResult } from '../results/types.js';
import { shuffle } from '../support/random.js';

/** Without a time budget, further rounds for unsettled cells may add at most this share of the planned timed time. */
export const EXTRA_TIME_SHARE = 0.2;

/** The regression gate's rounds may add at most this share of a workload's timed time. */
export const GATE_TIME_SHARE = 0.5;

/** What the scheduler asks of analysis between looks. */
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

const spent = (cell: CellResult): number => cell.samples.reduce((sum, s) => sum + s, 0);

export interface RoundsContext {
  config: RunConfig;
  handle: WorkloadHandle;
  tracked: Tracked;
  random: () => number;
  advisor: Advisor;
  stopped(): boolean;
}

/** One round of these cells; nothing to run when none is live. */
async function runRound(ctx: RoundsContext, cells: readonly CellResult[], extra: boolean, iterations = 1, timeMs = 0) {
  const live = cells.filter((cell) => cell.state === 'completed');
  if (live.length === 0 || ctx.stopped()) return;
  ctx.tracked.add(await ctx.handle.round({ cells: live.map(cellId), iterations, timeMs, extra }));
}

/** Every round of a workload, after its warm-up. Returns the gate's looks taken (1 without re-measuring). */
export async function measureRounds(ctx: RoundsContext): Promise<number> {
  const { config, tracked } = ctx;
  const ordered = config.order === 'sequential';
  // The first round keeps sequential first: its checksums are the reference.
  await runRound(ctx, tracked.cells, false, ordered ? config.iterations : 1);
  for (let round = 1; !ordered && round < config.iterations && !ctx.stopped(); round++) {
    await runRound(ctx, shuffle(tracked.live(), ctx.random), false);
  }
  await furtherRounds(ctx);
  return gateRounds(ctx);
}

const timedMs = (cells: readonly CellResult[]): number => cells.reduce((sum, cell) => sum + spent(cell), 0);

/** A workload's share of the run's timed budget (--time), ms; 0 when the run has none. */
export function workloadShareMs(config: RunConfig): number {
  return config.timeMs > 0 ? config.timeMs / config.workloads.length : 0;
}

/** In a round beyond the planned ones, sequential runs too: each new batch needs its pair. */
async function extraRound(ctx: RoundsContext, ids: readonly string[]): Promise<void> {
  const reference = ctx.tracked.cells.find((cell) => cell.strategy === 'sequential');
  const chosen = ctx.tracked.live().filter((cell) => cell !== reference && ids.includes(cellId(cell)));
  if (reference?.state !== 'completed' || chosen.length === 0) return;
  await runRound(ctx, shuffle([reference, ...chosen], ctx.random), true);
}

/**
 * Cells whose estimate has not settled get further rounds, up to --max-iterations: noise on a
 * shared machine comes in bursts, and each further batch is another chance at an undisturbed one.
 * The workload stops when every cell has settled or its share of the run's time budget is spent;
 * without a budget, further rounds add a fifth of the planned time at most.
 */
async function furtherRounds(ctx: RoundsContext): Promise<void> {
  const { cells } = ctx.tracked;
  const planned = timedMs(cells);
  const share = workloadShareMs(ctx.config);
  const room = (): boolean =>
    share > 0 ? timedMs(cells) < share : timedMs(cells) - planned < planned * EXTRA_TIME_SHARE;
  while (!ctx.stopped() && room()) {
    const ids = ctx.advisor.unsettled(cells);
    if (ids.length === 0) break;
    const before = timedMs(cells);
    await extraRound(ctx, ids);
    if (timedMs(cells) === before) break;
  }
}

/**
 * The gate's further looks: the undecided cells, with sequential beside them, for the rounds the
 * gate asks, within half the workload's timed time.
 */
async function gateRounds(ctx: RoundsContext): Promise<number> {
  const gate = ctx.advisor.gate;
  if (!gate) return 1;
  const { tracked } = ctx;
  const start = timedMs(tracked.cells);
  const budget = start * GATE_TIME_SHARE;
  let looks = 1;
  for (let look = 2; look <= gate.looks && !ctx.stopped(); look++) {
    const snapshot = {
      config: ctx.config,
      cells: tracked.cells,
      yardsticks: [{ workload: tracked.name, kernel: 'yardstick', ...tracked.yardstick }],
    };
    const plan = gate.plan(snapshot, look);
    if (plan.ids.length === 0 || plan.rounds <= 0 || timedMs(tracked.cells) - start >= budget) break;
    looks = look;
    for (let round = 0; round < plan.rounds && timedMs(tracked.cells) - start < budget && !ctx.stopped(); round++) {
      await extraRound(ctx, plan.ids);
    }
  }
  return looks;
}
