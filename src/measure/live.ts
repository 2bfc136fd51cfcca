/**
 * A run in progress: the cells being measured, the workload they measure, and the hooks a caller
 * may give (progress, Ctrl-C, the regression gate). Types only.
 */
import type { CellResult, SuiteResult } from '../results/types.js';
import type { TaskLockStats } from '../strategies/gil/protocol.js';
import type { Batch, NativeTally, StrategyName } from '../strategies/types.js';
import type { HostProbe } from './host-probe.js';
import type { Lane } from './lanes.js';
import type { TraceHooks } from './traced-batch.js';
import type { YardstickTimes } from './yardstick.js';

export type ProgressEvent =
  | { type: 'start'; batches: number }
  | {
      type: 'batch';
      workload: string;
      strategy: StrategyName;
      threads: number;
      done: number;
      total: number;
      extra?: boolean;
    };

export interface RunHooks extends TraceHooks {
  onProgress?(event: ProgressEvent): void;
  /** Aborting stops after the batch in flight; the result is then marked partial. */
  signal?: AbortSignal;
  /**
   * Runs the main loop's heartbeat in every timed batch, not only where loop lag is the figure:
   * for the self-benchmark, which measures what the heartbeat costs the other cells.
   */
  heartbeatEverywhere?: boolean;
  /** A regression gate that may ask for more rounds of the cells it cannot decide yet. */
  gate?: GateHook;
}

/**
 * The regression gate's say in the measuring: after a workload's rounds it judges what it has (the
 * cells as they stand) and names the cells to re-measure and how many rounds they need. The gate's
 * rounds may add at most half the workload's timed time.
 */
export interface GateHook {
  /** Looks in all, the run's own first. */
  looks: number;
  /** Called before look `look` (2, 3, …); the rounds it asks for are then run, within the budget. */
  plan(
    run: Pick<SuiteResult, 'config' | 'cells'> & { yardsticks?: SuiteResult['yardsticks'] },
    look: number,
  ): { ids: string[]; rounds: number };
}

/** A cell being measured: its lane, its result so far, and its timed lock figures. */
export interface LiveCell {
  lane: Lane;
  /** The workload it measures, shared with that workload's other cells. */
  subject: Subject;
  result: CellResult;
  lock: TaskLockStats[];
  ioLatencies: number[];
  /** Native sections of the timed batches. */
  native: NativeTally;
  /** I/O latencies of the workload's I/O tasks run alone (workloads judged by their I/O latency). */
  ioAlone: number[];
  host: HostProbe;
  /** Warm-up each of its threads has had, ms: the pool's busy time over its threads. */
  warmMs: number;
  /** Each warm-up pass's wall time, ms (the passes are all the same size). */
  warmPasses: number[];
}

/** A workload ready to run: its batch, its cells, and the checksums every batch must match. */
export interface Subject {
  name: string;
  batch: Batch;
  cells: LiveCell[];
  /** The first timed batch's checksums (sequential runs first, so normally its own). */
  reference?: (number | undefined)[];
  /** The yardstick's time in each round of this workload. */
  yardstick: YardstickTimes;
}

/** Planned batches of the whole run, and how many are done. */
export interface Tally {
  done: number;
  total: number;
}
