/**
 * Rounds beyond the planned ones: further rounds for cells whose speedup has not settled, and the
 * regression gate's rounds for the cells it cannot decide yet. Each runs sequential beside the
 * cells (every new batch needs its pair) within a share of the workload's timed time.
 */
import { DEFAULTS, MAX_RME } from '../config/defaults.js';
import type { RunConfig } from '../config/types.js';
import { cellId } from '../results/cell-id.js';
import { pairedSpeedup, relativeMargin } from '../stats/paired.js';
import { finishCells } from './finish.js';
import type { LiveCell, RunHooks, Subject } from './live.js';
import { YARDSTICK } from './yardstick.js';

/** The regression gate's rounds may add at most this share of a workload's timed time. */
const GATE_TIME_SHARE = 0.5;

/** Further rounds for unsettled cells may add at most this share of the planned timed time. */
const EXTRA_TIME_SHARE = 0.2;

/** What the extra rounds need of the rounds of a workload. */
export interface RoundTaker {
  readonly config: RunConfig;
  readonly hooks: RunHooks;
  /** One timed round of these cells (the yardstick beside them), counted as extra. */
  extraRound(cells: readonly LiveCell[]): Promise<void>;
  stopped(): boolean;
}

const spent = (cell: LiveCell): number => cell.result.samples.reduce((sum, s) => sum + s, 0);

/**
 * The gate's further looks: the undecided cells, with sequential beside them (each batch needs its
 * pair) and the yardstick in every round, for the rounds the gate asks, within half the workload's
 * timed time.
 */
export async function gateRounds(rounds: RoundTaker, subject: Subject): Promise<void> {
  const gate = rounds.hooks.gate;
  const reference = subject.cells.find((cell) => cell.result.strategy === 'sequential');
  if (!gate || !reference) return;
  const timedMs = (): number => subject.cells.reduce((sum, cell) => sum + spent(cell), 0);
  const budget = timedMs() * GATE_TIME_SHARE;
  const start = timedMs();
  for (let look = 2; look <= gate.looks && !rounds.stopped(); look++) {
    const estimator = rounds.config.estimator ?? DEFAULTS.estimator;
    const snapshot = {
      config: rounds.config,
      cells: finishCells(subject.cells, estimator, rounds.config, 1),
      yardsticks: [{ workload: subject.name, kernel: YARDSTICK.name, ...subject.yardstick }],
    };
    const plan = gate.plan(snapshot, look);
    const chosen = subject.cells.filter(
      (cell) => cell !== reference && cell.result.state === 'completed' && plan.ids.includes(cellId(cell.result)),
    );
    if (chosen.length === 0 || plan.rounds <= 0 || timedMs() - start >= budget) break;
    for (let round = 0; round < plan.rounds && timedMs() - start < budget && !rounds.stopped(); round++) {
      await rounds.extraRound([reference, ...chosen]);
    }
  }
}

/**
 * Cells whose estimate has not settled get further rounds, up to --max-iterations: noise on a
 * shared machine comes in bursts, and each further batch is another chance at an undisturbed one.
 * On a machine noisy throughout they would not settle anyway: a fifth more time at most.
 */
export async function furtherRounds(rounds: RoundTaker, cells: readonly LiveCell[]): Promise<void> {
  const maxSamples = rounds.config.maxIterations ?? rounds.config.iterations;
  const estimator = rounds.config.estimator ?? DEFAULTS.estimator;
  const timedMs = (): number => cells.reduce((sum, cell) => sum + spent(cell), 0);
  const planned = timedMs();
  const reference = cells.find((cell) => cell.result.strategy === 'sequential');
  // Unsettled: a speedup whose paired interval is still wider than the margin the run asks for.
  const unsettled = (cell: LiveCell): boolean =>
    reference !== undefined &&
    cell !== reference &&
    cell.result.state === 'completed' &&
    cell.result.samples.length < maxSamples &&
    relativeMargin(pairedSpeedup(estimator, reference.result, cell.result)) * 100 > MAX_RME;
  while (!rounds.stopped() && timedMs() - planned < planned * EXTRA_TIME_SHARE) {
    if (reference?.result.state !== 'completed') break;
    const turn = cells.filter(unsettled);
    if (turn.length === 0) break;
    // Sequential runs in every further round too: each new batch needs its pair.
    await rounds.extraRound([reference, ...turn]);
  }
}
