/**
 * The engine protocol: what the scheduler asks an engine and what the engine answers. An engine
 * runs batches and reports samples, checksums' verdicts and the figures of each cell; it decides
 * nothing about how long a run takes: the scheduler asks for each warm-up pass and each round, and
 * for the batch size it wants. The messages are plain data, the same whether the engine
 * runs in the scheduler's process or in a child process (docs/architecture.md, "Engines").
 */
import type { RunConfig, WorkloadSpec } from '../config/types.js';
import type { CellTrace } from '../measure/traced-batch.js';
import type { Sizing } from '../measure/sizing.js';
import type { YardstickTimes } from '../measure/yardstick.js';
import type { CapacityProbe, CellResult } from '../results/types.js';

export type { CellTrace, YardstickTimes };

/** One round: these cells (by id, in this order) take `iterations` batches each. */
export interface RoundRequest {
  cells: string[];
  /** Batches per cell in this round: 1 when strategies take turns, more with --order sequential. */
  iterations: number;
  /** A round beyond the planned ones: its batches are not in the planned total. */
  extra: boolean;
}

/** How a workload is measured beyond its configuration. */
export interface OpenOptions {
  /**
   * False leaves the yardstick out of the timed rounds: an A/B run pairs its two versions and
   * judges neither in yardsticks, so the kernel would only add time to every round.
   */
  yardstick?: boolean;
}

export type EngineRequest =
  | { op: 'probe' }
  | { op: 'open'; config: RunConfig; workload: WorkloadSpec; options?: OpenOptions }
  /** A batch size chosen by time: the engine times a pass and sizes the batch to `batchMs`. */
  | ({ op: 'size' } & SizeRequest)
  /** One untimed warm-up pass of these cells (none: only the warm state of every cell). */
  | { op: 'warm-up'; cells: string[] }
  | ({ op: 'round' } & RoundRequest)
  | { op: 'trace' }
  | { op: 'finish' }
  | { op: 'close' }
  /** The last request: closes any open workload and whatever the engine keeps between workloads. */
  | { op: 'end' };

/** What one cell measured in a round. */
export interface CellRound {
  id: string;
  /** Batch times, ms, in the order they ran. */
  samples: number[];
  /** The round of each batch: a batch pairs with the other cells' batches of its round. */
  rounds: number[];
  state: CellResult['state'];
  error?: string;
  mismatches?: CellResult['mismatches'];
}

export interface RoundReport {
  cells: CellRound[];
  /** The yardstick, timed once in every timed round beside the cells. */
  yardstick: YardstickTimes;
}

/** A workload opened: its cells before any batch (errored where a pool did not start). */
export interface OpenReport {
  cells: CellResult[];
}

/** What the scheduler asks of sizing: a sequential batch of about `batchMs`, in whole multiples of `step` tasks. */
export interface SizeRequest {
  batchMs: number;
  step: number;
  /** The fewest tasks. */
  floor: number;
}

/** The chosen size, when the workload's inputs can be sized (a fixed-shape workload cannot). */
export interface SizeReport {
  sizing?: Sizing;
}

/** How warm each cell is: the scheduler decides from this whether it needs another pass. */
export interface WarmState {
  id: string;
  /** The warm-up each of its threads has had, ms. */
  warmMs: number;
  /** Each warm-up pass's time, ms, in order: a pass still clearly faster than the last is not settled. */
  passes: number[];
}

export interface WarmUpReport {
  cells: WarmState[];
}

/** A workload measured: every cell with its figures, and the yardstick's times. */
export interface FinishReport {
  cells: CellResult[];
  /** Each task's checksum in the reference batch every timed batch was checked against; empty if none ran. */
  checksums: (number | null)[];
  yardstick: YardstickTimes & { kernel: string };
}

/** The answer to each request. */
export interface EngineReplies {
  probe: CapacityProbe;
  open: OpenReport;
  size: SizeReport;
  'warm-up': WarmUpReport;
  round: RoundReport;
  trace: Record<string, never>;
  finish: FinishReport;
  close: Record<string, never>;
  end: Record<string, never>;
}

/** What an engine says without being asked. */
export type EngineEvent =
  | {
      type: 'batch';
      workload: string;
      strategy: CellResult['strategy'];
      threads: number;
      /** A warm-up pass (untimed). */
      warm: boolean;
      extra: boolean;
    }
  | { type: 'trace'; trace: CellTrace }
  /** Code of a workload threw outside its tasks (from a timer, a promise left rejected). */
  | { type: 'escaped'; message: string };

/** Over a process boundary: a request with its id, and the reply or event that comes back. */
export type Envelope =
  | { kind: 'request'; id: number; request: EngineRequest }
  | { kind: 'abort' }
  | { kind: 'reply'; id: number; value: unknown }
  | { kind: 'failure'; id: number; message: string; usage: boolean }
  | { kind: 'event'; event: EngineEvent };
