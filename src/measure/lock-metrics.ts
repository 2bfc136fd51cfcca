import type { TaskLockStats } from '../strategies/gil/protocol.js';
import type { LockMetrics, LockThread } from '../results/types.js';
import { quantileSorted } from '../stats/summary.js';

const sortedOf = (values: number[]): number[] => values.sort((a, b) => a - b);
const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

/**
 * Sums what every task did with the lock over a cell's timed batches. Shares are fractions of wall
 * time; with N threads the per-thread shares each range over [0, 1].
 */
export function summarizeLock(tasks: readonly TaskLockStats[], wallMs: number, threads: number): LockMetrics {
  const perThread = new Map<number, LockThread>();
  const waits: number[] = [];
  const convoy: number[] = [];
  const total = {
    acquisitions: 0,
    contended: 0,
    switches: 0,
    dropRequests: 0,
    forcedSwitches: 0,
    failedWakeups: 0,
    switchTimeouts: 0,
    hold: 0,
    wait: 0,
    io: 0,
    native: 0,
  };
  for (const t of tasks) {
    const row = perThread.get(t.thread) ?? {
      thread: t.thread,
      holdShare: 0,
      waitShare: 0,
      ioShare: 0,
      nativeShare: 0,
      acquisitions: 0,
      switches: 0,
      dropRequests: 0,
      forcedSwitches: 0,
    };
    row.holdShare += t.holdMs;
    row.waitShare += t.waitMs;
    row.ioShare += t.ioMs;
    row.nativeShare = (row.nativeShare ?? 0) + t.nativeMs;
    row.acquisitions += t.acquisitions;
    row.switches += t.switches;
    row.dropRequests += t.dropRequests;
    row.forcedSwitches += t.forcedSwitches;
    perThread.set(t.thread, row);
    total.acquisitions += t.acquisitions;
    total.contended += t.contended;
    total.switches += t.switches;
    total.dropRequests += t.dropRequests;
    total.forcedSwitches += t.forcedSwitches;
    total.failedWakeups += t.failedWakeups;
    total.switchTimeouts += t.switchTimeouts;
    total.hold += t.holdMs;
    total.wait += t.waitMs;
    total.io += t.ioMs;
    total.native += t.nativeMs;
    waits.push(...t.acquireWaits);
    convoy.push(...t.ioReacquireWaits);
  }
  const wall = wallMs > 0 ? wallMs : Number.NaN;
  const capacity = wall * Math.max(threads, 1);
  sortedOf(waits);
  sortedOf(convoy);
  return {
    acquisitions: total.acquisitions,
    contended: total.contended,
    dropRequests: total.dropRequests,
    forcedSwitches: total.forcedSwitches,
    switches: total.switches,
    switchesPerSecond: round(total.switches / (wall / 1000), 1),
    failedWakeups: total.failedWakeups,
    switchTimeouts: total.switchTimeouts,
    holdShare: round(total.hold / capacity),
    waitShare: round(total.wait / capacity),
    ioShare: round(total.io / capacity),
    nativeShare: round(total.native / capacity),
    acquireWaitP50: round(quantileSorted(waits, 0.5) || 0, 3),
    acquireWaitP99: round(quantileSorted(waits, 0.99) || 0, 3),
    convoyP50: round(quantileSorted(convoy, 0.5) || 0, 3),
    convoyP99: round(quantileSorted(convoy, 0.99) || 0, 3),
    perThread: [...perThread.values()]
      .sort((a, b) => a.thread - b.thread)
      .map((row) => ({
        ...row,
        holdShare: round(row.holdShare / wall),
        waitShare: round(row.waitShare / wall),
        ioShare: round(row.ioShare / wall),
        nativeShare: round((row.nativeShare ?? 0) / wall),
      })),
  };
}
