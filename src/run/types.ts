/** Where a run's time comes from. */
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
