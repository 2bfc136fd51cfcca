import { describe, expect, it } from 'vitest';
import { summarizeLock } from '../src/measure/lock-metrics.js';
import type { TaskLockStats } from '../src/strategies/gil/protocol.js';

function task(thread: number, overrides: Partial<TaskLockStats>): TaskLockStats {
  return {
    thread,
    acquisitions: 0,
    contended: 0,
    switches: 0,
    dropRequests: 0,
    forcedSwitches: 0,
    checkpoints: 0,
    failedWakeups: 0,
    switchTimeouts: 0,
    waitMs: 0,
    switchWaitMs: 0,
    wakeMs: 0,
    acquireWaits: [],
    holdMs: 0,
    ioMs: 0,
    nativeCalls: 0,
    nativeMs: 0,
    ioReacquireWaits: [],
    ...overrides,
  };
}

describe('summarizeLock', () => {
  it('sums tasks per thread and turns times into shares of wall time', () => {
    const metrics = summarizeLock(
      [
        task(0, {
          holdMs: 300,
          waitMs: 100,
          acquisitions: 10,
          switches: 5,
          forcedSwitches: 4,
          acquireWaits: [5, 5, 6],
        }),
        task(0, { holdMs: 200, waitMs: 0, nativeMs: 200, acquisitions: 5, switches: 5, ioReacquireWaits: [1] }),
        task(1, {
          holdMs: 500,
          waitMs: 400,
          ioMs: 100,
          acquisitions: 10,
          switches: 10,
          dropRequests: 6,
          acquireWaits: [4, 7],
          ioReacquireWaits: [3, 5],
        }),
      ],
      1000,
      2,
    );
    expect(metrics).toMatchObject({
      acquisitions: 25,
      switches: 20,
      switchesPerSecond: 20,
      dropRequests: 6,
      forcedSwitches: 4,
      holdShare: 0.5,
      waitShare: 0.25,
      ioShare: 0.05,
      nativeShare: 0.1,
      acquireWaitP50: 5,
      convoyP50: 3,
    });
    expect(metrics.acquireWaitP99).toBeCloseTo(6.96, 6);
    expect(metrics.perThread).toEqual([
      {
        thread: 0,
        holdShare: 0.5,
        waitShare: 0.1,
        ioShare: 0,
        nativeShare: 0.2,
        acquisitions: 15,
        switches: 10,
        dropRequests: 0,
        forcedSwitches: 4,
      },
      {
        thread: 1,
        holdShare: 0.5,
        waitShare: 0.4,
        ioShare: 0.1,
        nativeShare: 0,
        acquisitions: 10,
        switches: 10,
        dropRequests: 6,
        forcedSwitches: 0,
      },
    ]);
  });

  it('reports zero percentiles when nothing waited', () => {
    const metrics = summarizeLock([task(0, { holdMs: 10, acquisitions: 1 })], 10, 1);
    expect(metrics).toMatchObject({ acquireWaitP50: 0, acquireWaitP99: 0, convoyP50: 0, convoyP99: 0, holdShare: 1 });
  });
});
