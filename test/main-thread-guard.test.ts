import { Script } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Workload } from '../workloads/types.js';
import { createAsync } from '../src/strategies/async.js';
import { createSequential } from '../src/strategies/sequential.js';
import type { Batch, StrategyOptions } from '../src/strategies/types.js';

/** A user's workload (it names a file, so its tasks run under the guard): task `endless` never returns. */
function userWorkload(endless?: number): Workload<number> {
  return {
    name: 'mine',
    kind: 'cpu',
    description: 'adds',
    inputs: ({ tasks }) => Array.from({ length: tasks }, (_, i) => i),
    run(input) {
      if (input === endless) for (;;);
      return input * 2;
    },
  };
}

const batchOf = (workload: Workload, tasks: number): Batch => ({
  ref: { name: workload.name, file: '/tmp/mine.js' },
  workload,
  inputs: workload.inputs({ tasks, size: 'xs', seed: 1 }),
  env: {},
});

const options = (taskTimeoutMs: number) => ({ taskTimeoutMs }) as StrategyOptions;

describe("a user's tasks on the main thread", () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ['sequential', createSequential],
    ['async', createAsync],
  ])('%s runs a stretch of synchronous tasks under one guard, not one guard a task', async (_name, create) => {
    const guard = vi.spyOn(Script.prototype, 'runInThisContext');
    const workload = userWorkload();
    const outcome = await create(options(10_000)).run(batchOf(workload, 50));
    expect(outcome.checksums).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
    // 50 tasks of microseconds fit one stretch; a guard a task would be 50 calls.
    expect(guard.mock.calls.length).toBe(1);
  });

  it('stops an endless task at its limit, names that limit, and runs the tasks after it', async () => {
    const workload = userWorkload(3);
    const outcome = await createSequential(options(200)).run(batchOf(workload, 6));
    expect(outcome.failures).toEqual([{ task: 3, error: expect.stringMatching(/ran longer than 200 ms/) }]);
    expect(outcome.checksums).toEqual([0, 2, 4, undefined, 8, 10]);
  });
});

describe('tasks on the event loop that wait past their limit', () => {
  it('fail at their own limit while the others complete, under one timer', async () => {
    // A built-in workload (no file): its tasks are not guarded, only their waits are timed out.
    const waiting: Workload<number> = {
      name: 'waits',
      kind: 'io',
      description: 'task 2 never settles',
      inputs: ({ tasks }) => Array.from({ length: tasks }, (_, i) => i),
      run: (input, ctx) =>
        ctx.io(() => (input === 2 ? new Promise<number>(() => {}) : new Promise((r) => setTimeout(() => r(input), 5)))),
    };
    const start = performance.now();
    const outcome = await createAsync(options(150)).run({
      ref: { name: 'waits' },
      workload: waiting as Workload,
      inputs: [0, 1, 2, 3],
      env: {},
    });
    expect(outcome.failures).toEqual([{ task: 2, error: expect.stringMatching(/ran longer than 150 ms/) }]);
    expect(outcome.checksums).toEqual([0, 1, undefined, 3]);
    expect(performance.now() - start).toBeGreaterThanOrEqual(149);
  });
});
