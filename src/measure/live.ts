/**
 * A workload being measured: its cells, the batch they run, and what a measurement reports as it
 * goes (each batch, for progress; Ctrl-C, to stop). Types only.
 */
import type { CellResult } from '../results/types.js';
import type { TaskLockStats } from '../strategies/gil/protocol.js';
import type { Batch, NativeTally } from '../strategies/types.js';
import type { HostProbe } from './host-probe.js';
import type { Lane } from './lanes.js';
import type { YardstickTimes } from './yardstick.js';

/** A batch done: which cell ran it, and whether it was a warm-up pass or beyond the planned rounds. */
export interface BatchDone {
  workload: string;
  strategy: CellResult['strategy'];
  threads: number;
  warm: boolean;
  extra: boolean;
}

export interface MeasureHooks {
  /** Aborting stops after the batch in flight. */
  signal?: AbortSignal;
  onBatch?(batch: BatchDone): void;
  /**
   * Runs the main loop's heartbeat in every timed batch, not only where loop lag is the figure:
   * for the self-benchmark, which measures what the heartbeat costs the other cells.
   */
  heartbeatEverywhere?: boolean;
  /** False leaves the yardstick out of the timed rounds (see OpenOptions). */
  yardstick?: boolean;
}

/** A cell being measured: its lane, its result so far, and its timed lock figures. */
export interface LiveCell {
  /** Its stable id (results/cell-id.ts): how the scheduler names it. */
  id: string;
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
  /** The first timed rounds' batch of inputs sent to the pool and back with no work (workers), ms. */
  transfers: number[];
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
