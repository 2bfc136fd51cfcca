import type { TaskLockStats } from '../strategies/gil/protocol.js';
import type { LockMetrics, LockThread } from '../results/types.js';
import { quantileSorted } from '../stats/summary.js';
import { roundTo } from '../support/round.js';

const round = (x: number, digits = 4): number => roundTo(x, digits);
const sorted = (values: number[]): number[] => values.sort((a, b) => a - b);

/** The counts and times summed over tasks, for the cell and for each thread. */
const SUMMED = [
  'acquisitions',
  'contended',
  'switches',
  'dropRequests',
  'forcedSwitches',
  'checkpoints',
  'failedWakeups',
  'switchTimeouts',
  'holdMs',
  'waitMs',
  'ioMs',
  'nativeMs',
] as const;
type Sums = Record<(typeof SUMMED)[number], number>;

function sumOf(tasks: readonly TaskLockStats[]): Sums {
  return Object.fromEntries(SUMMED.map((key) => [key, tasks.reduce((s, t) => s + t[key], 0)])) as Sums;
}

/**
 * Sums what every task did with the lock over a cell's timed batches. Shares are fractions of wall
 * time; with N threads the per-thread shares each range over [0, 1].
 */
export function summarizeLock(tasks: readonly TaskLockStats[], wallMs: number, threads: number): LockMetrics {
  const wall = wallMs > 0 ? wallMs : Number.NaN;
  const capacity = wall * Math.max(threads, 1);
  const total = sumOf(tasks);
  const waits = sorted(tasks.flatMap((t) => t.acquireWaits));
  const convoy = sorted(tasks.flatMap((t) => t.ioReacquireWaits));
  const byThread = new Map<number, TaskLockStats[]>();
  for (const t of tasks) byThread.set(t.thread, [...(byThread.get(t.thread) ?? []), t]);
  const perThread: LockThread[] = [...byThread]
    .sort(([a], [b]) => a - b)
    .map(([thread, own]) => {
      const sums = sumOf(own);
      return {
        thread,
        holdShare: round(sums.holdMs / wall),
        waitShare: round(sums.waitMs / wall),
        ioShare: round(sums.ioMs / wall),
        nativeShare: round(sums.nativeMs / wall),
        acquisitions: sums.acquisitions,
        switches: sums.switches,
        dropRequests: sums.dropRequests,
        forcedSwitches: sums.forcedSwitches,
      };
    });
  return {
    acquisitions: total.acquisitions,
    contended: total.contended,
    dropRequests: total.dropRequests,
    forcedSwitches: total.forcedSwitches,
    checkpoints: total.checkpoints,
    switches: total.switches,
    switchesPerSecond: round(total.switches / (wall / 1000), 1),
    failedWakeups: total.failedWakeups,
    switchTimeouts: total.switchTimeouts,
    holdShare: round(total.holdMs / capacity),
    waitShare: round(total.waitMs / capacity),
    ioShare: round(total.ioMs / capacity),
    nativeShare: round(total.nativeMs / capacity),
    acquireWaitP50: round(quantileSorted(waits, 0.5) || 0, 3),
    acquireWaitP99: round(quantileSorted(waits, 0.99) || 0, 3),
    convoyP50: round(quantileSorted(convoy, 0.5) || 0, 3),
    convoyP99: round(quantileSorted(convoy, 0.99) || 0, 3),
    perThread,
  };
}
