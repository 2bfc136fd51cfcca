import { setTimeout as sleep } from 'node:timers/promises';
import { seededTasks } from '../../src/support/random.js';
import { described } from '../catalogue.js';
import type { SizeName, Workload } from '../types.js';
import { handlerRounds } from './rounds.js';

/** Rounds of (~0.3 ms CPU + 10 ms timer wait) per task, per size. */
const ROUNDS: Record<SizeName, number> = { xs: 5, s: 5, m: 10, l: 20 };
const WAIT_MS = 10;

export interface SleepInput {
  seed: number;
  rounds: number;
  /** Candidates of CPU work per round (default about 0.3 ms); calibration sets it per language. */
  cpuSpan?: number;
  waitMs: number;
}

export const timerSleep: Workload<SleepInput> = {
  ...described('sleep'),
  inputs({ tasks, size, seed }) {
    return seededTasks(tasks, seed, (taskSeed) => ({ seed: taskSeed, rounds: ROUNDS[size], waitMs: WAIT_MS }));
  },
  run({ seed, rounds, waitMs, cpuSpan }: SleepInput, ctx) {
    return handlerRounds(
      ctx,
      seed,
      rounds,
      async (round) => {
        await sleep(waitMs);
        return round;
      },
      cpuSpan,
    );
  },
};
