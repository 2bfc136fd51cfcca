/** Where a run's time comes from, and what measures a plan for a command. */
import type { RunConfig } from '../config/types.js';
import type { Scheduled } from './scheduler.js';

export type { ProgressEvent } from '../output/progress.js';

/**
 * The scheduler's time: its budgets and the result's timestamps read it, so tests can drive a
 * run's loops with a fake clock and a fake engine, in milliseconds of their own.
 */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** The wall-clock date, for the result's timestamps. */
  date(): Date;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  date: () => new Date(),
};

/**
 * What measures a plan for a command (the CLI's session): the run with the signals wired, whether
 * it was stopped, and the signal itself for what runs beside the scheduler.
 */
export interface Measurer {
  measure(config: RunConfig): Promise<Scheduled>;
  readonly stopped: boolean;
  readonly signal: AbortSignal;
}
