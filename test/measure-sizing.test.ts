import { describe, expect, it } from 'vitest';
import type { Workload } from '../workloads/types.js';
import { createSequential } from '../src/strategies/sequential.js';
import { sizeByTime } from '../src/measure/sizing.js';
import type { Batch, StrategyOptions } from '../src/strategies/types.js';

/** Each task spins for `ms` on the main thread: a pass of n tasks takes n × ms. */
function spinning(ms: number, fixedShape = false): Workload<number> {
  return {
    name: 'spin',
    kind: 'cpu',
    description: 'spins',
    inputs: ({ tasks }) => Array.from({ length: fixedShape ? 3 : tasks }, (_, i) => i),
    run(input) {
      const end = performance.now() + ms;
      while (performance.now() < end);
      return input;
    },
  };
}

const sequential = createSequential({ taskTimeoutMs: 10_000 } as StrategyOptions);
const batchOf = (workload: Workload): Omit<Batch, 'inputs'> => ({
  ref: { name: workload.name },
  workload,
  env: {},
});
const drawn = { size: 'xs' as const, seed: 1 };

describe('sizing a batch by time', () => {
  it('chooses the count whose sequential batch takes about the time asked, in whole steps', async () => {
    // 3 ms tasks (at least: a stalled host makes a spin read longer), 60 ms asked, steps of 2: the
    // count is the measured task time's, whatever the host did, about 20 on a quiet one.
    const workload = spinning(3);
    const sized = await sizeByTime(workload, sequential, batchOf(workload), drawn, { batchMs: 60, step: 2, floor: 2 });
    expect(sized?.taskPassesMs.length).toBeGreaterThanOrEqual(2);
    const taskMs = sized?.sizing.taskMs ?? 0;
    expect(taskMs).toBeGreaterThanOrEqual(3);
    // The faster of the last two passes (the first compiles) is the one measured.
    expect(taskMs).toBe(Math.min(...(sized?.taskPassesMs.slice(-2) ?? [])));
    expect(sized?.sizing.batchMs).toBe(60);
    expect(sized?.sizing.tasks).toBe(Math.max(2, Math.round(60 / taskMs / 2) * 2));
    expect(sized?.sizing.tasks ?? 0).toBeLessThanOrEqual(20);
  });

  it('sizes from a settled pass when the first tasks run slow (a JIT still tiering up)', async () => {
    // The first 4 tasks take 3 ms, every later one 0.3 ms: sized from the first two passes, a 30 ms
    // batch would get about 10 tasks and run 3 ms.
    let calls = 0;
    const warming: Workload<number> = {
      ...spinning(0),
      run(input) {
        const end = performance.now() + (calls++ < 4 ? 3 : 0.3);
        while (performance.now() < end);
        return input;
      },
    };
    const sized = await sizeByTime(warming, sequential, batchOf(warming), drawn, { batchMs: 30, step: 2, floor: 2 });
    expect(sized?.taskPassesMs[0]).toBeGreaterThanOrEqual(3);
    expect(sized?.sizing.taskMs).toBeLessThan(1);
    expect(sized?.sizing.tasks ?? 0).toBeGreaterThanOrEqual(30);
  });

  it('never goes below the floor, however slow a task', async () => {
    const workload = spinning(5);
    const sized = await sizeByTime(workload, sequential, batchOf(workload), drawn, { batchMs: 1, step: 2, floor: 4 });
    expect(sized?.sizing.tasks).toBe(4);
  });

  it('leaves a workload of a fixed shape, or one whose pass fails, as configured', async () => {
    const fixed = spinning(1, true);
    expect(await sizeByTime(fixed, sequential, batchOf(fixed), drawn, { batchMs: 20, step: 2, floor: 2 })).toBe(
      undefined,
    );
    const failing: Workload<number> = {
      ...spinning(1),
      run: () => {
        throw new Error('broken');
      },
    };
    expect(await sizeByTime(failing, sequential, batchOf(failing), drawn, { batchMs: 20, step: 2, floor: 2 })).toBe(
      undefined,
    );
  });
});
