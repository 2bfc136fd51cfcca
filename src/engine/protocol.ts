/**
 * The engine protocol: what the scheduler asks an engine and what the engine answers. An engine
 * runs batches and reports samples, checksums' verdicts and the figures of each cell; it decides
 * nothing about how long a run takes. The messages are plain data, the same whether the engine
 * runs in the scheduler's process or in a child process (docs/architecture.md, "Engines").
 */
import type { RunConfig, WorkloadSpec } from '../config/types.js';
import type { CellTrace } from '../measure/traced-batch.js';
import type { Sizing } from '../measure/sizing.js';
import type { YardstickTimes } from '../measure/yardstick.js';
import type { CapacityProbe, CellResult } from '../results/types.js';

export type { CellTrace, YardstickTimes };

/** Where an engine runs: in the scheduler's process, or in a child process of its own. */
export type EngineWhere = 'inline' | 'child';

/** One round: these cells (by id, in this order) take `iterations` batches each. */
export interface RoundRequest {
  cells: string[];
  /** Batches per cell in this round: 1 when strategies take turns, more with --order sequential. */
  iterations: number;
  /** With --order sequential and --time: each cell's budget within the round, ms. */
  timeMs: number;
  /** A round beyond the planned ones: its batches are not in the planned total. */
  extra: boolean;
}

/** How a workload is measured beyond its configuration. */
export interface OpenOptions {
  /**
   * Runs the main loop's heartbeat in every timed batch, not only where loop lag is the figure:
   * for the self-benchmark, which measures what the heartbeat costs the other cells.
   */
  heartbeatEverywhere?: boolean;
  /**
   * False leaves the yardstick out of the timed rounds: an A/B run pairs its two versions and
   * judges neither in yardsticks, so the kernel would only add time to every round.
   */
  yardstick?: boolean;
}

export type EngineRequest =
  | { op: 'probe' }
  | { op: 'open'; config: RunConfig; workload: WorkloadSpec; options?: OpenOptions }
  | { op: 'warm-up' }
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

/** Warmed up; with batches sized by time, the pass that chose the task count came first. */
export interface WarmUpReport {
  sizing?: Sizing;
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
