import { describe, expect, it } from 'vitest';
import { createAsync } from '../src/strategies/async.js';
import { GilPools } from '../src/strategies/gil/pool-set.js';
import type { Batch } from '../src/strategies/types.js';
import type { Workload } from '../workloads/types.js';

/** A batch whose tasks await a timer and record how many ran at once. */
function countingBatch(tasks: number): { batch: Batch; most: () => number } {
  let running = 0;
  let most = 0;
  const workload: Workload = {
    name: 'counting',
    kind: 'io',
    description: 'awaits a timer, counting the tasks in flight',
    inputs: ({ tasks: n }) => Array.from({ length: n }, (_, i) => i),
    run: async (input: unknown) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return input as number;
    },
  };
  const inputs = workload.inputs({ tasks, size: 'xs', seed: 1 });
  return { batch: { ref: { name: 'counting' }, workload, inputs, env: {} }, most: () => most };
}

const options = {
  threads: 1,
  gilPools: new GilPools(),
  gil: 'cpython' as const,
  switchIntervalMs: 5,
  wake: 'fifo' as const,
  taskTimeoutMs: 10_000,
  workerMemoryMb: 0,
};

describe('async: how many tasks run at once', () => {
  it('every task of a batch at once, as asyncio.gather', async () => {
    const { batch, most } = countingBatch(8);
    const outcome = await createAsync(options).run(batch);
    expect(outcome.checksums).toHaveLength(8);
    expect(most()).toBe(8);
  });

  it('--async-limit caps it, and every task still runs once', async () => {
    const { batch, most } = countingBatch(8);
    const outcome = await createAsync({ ...options, asyncLimit: 3 }).run(batch);
    expect(outcome.failures).toEqual([]);
    expect(outcome.checksums.filter((c) => c !== undefined)).toHaveLength(8);
    expect(most()).toBe(3);
  });
});
