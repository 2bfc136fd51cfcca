/** The shape of a run at a glance (see summary.ts). */
import type { StrategyName } from '../strategies/names.js';
import type { Direction } from '../results/types.js';

/** How a cell reads at a glance. */
export type Tone = 'gain' | 'same' | 'loss' | 'unsure' | 'failed';

/** What a row of the matrix shows: a speedup, or the latency a workload is about (ms). */
export type Figure = 'speedup' | 'io-p50' | 'loop-lag-p99';

export interface SummaryCell {
  /** The speedup, or the latency in ms; undefined where nothing was measured. */
  value?: number;
  /** The speedup's 95% interval. */
  low?: number;
  high?: number;
  direction: Direction;
  tone: Tone;
}

export interface SummaryRow {
  /** The workload, with its parameter: "ratio (I/O 25%)". */
  title: string;
  figure: Figure;
  /** Sequential's figure on a latency row: the I/O op alone, the heartbeat with no loop running. */
  reference?: number;
  /** One per strategy column; undefined where the strategy did not run. */
  cells: (SummaryCell | undefined)[];
}

export interface Summary {
  /** One column per strategy; sequential is the reference and has none. */
  strategies: StrategyName[];
  /** The thread count the matrix shows: the largest the run measured. */
  threads: number;
  /** True when other thread counts ran too (a sweep shows them). */
  swept: boolean;
  rows: SummaryRow[];
  /** The lesson as measured, one sentence per kind of work. */
  sentences: string[];
}
