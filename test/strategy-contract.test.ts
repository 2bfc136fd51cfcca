import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinWorkloads } from '../workloads/index.js';
import { loadWorkload, type WorkloadRef } from '../workloads/loader.js';
import type { WorkloadSetup } from '../workloads/types.js';
import { strategies } from '../src/strategies/registry.js';
import type { Batch, Strategy } from '../src/strategies/types.js';
import { GilPools } from '../src/strategies/gil/pool-set.js';
import { join } from 'node:path';
import { eventually, fixture, osThreadCount, ROOT } from './helpers.js';

/** Every built-in workload, and the README's example user workload. */
const contractRefs: WorkloadRef[] = [
  ...builtinWorkloads.map((w) => ({ name: w.name })),
  { name: 'word-count', file: join(ROOT, 'workloads', 'examples', 'word-count.js') },
];
const throwingRef: WorkloadRef = { name: 'throwing', file: fixture('throwing-workload.js') };

describe('every strategy does the same work as sequential', () => {
  const running: Strategy[] = [];
  const gilPools = new GilPools();
  let threadsBefore = 0;

  beforeAll(async () => {
    threadsBefore = osThreadCount();
    for (const info of strategies) {
      const strategy = info.create({
        threads: 2,
        gilPools,
        gil: 'cpython',
        switchIntervalMs: 1,
        wake: 'fifo',
        taskTimeoutMs: 30_000,
        workerMemoryMb: 0,
      });
      await strategy.setup();
      running.push(strategy);
    }
  });

  afterAll(async () => {
    await Promise.all(running.map((s) => s.teardown()));
    await gilPools.destroy();
  });

  for (const ref of contractRefs) {
    it(`${ref.name}: identical checksums under all ${strategies.length} strategies`, async () => {
      const workload = await loadWorkload(ref);
      const setup: WorkloadSetup | undefined = await workload.setup?.();
      try {
        const batch: Batch = {
          ref,
          workload,
          inputs: workload.inputs({ tasks: 4, size: 'xs', seed: 11 }),
          env: setup?.env ?? {},
        };
        const outcomes = [];
        for (const strategy of running) outcomes.push({ name: strategy.name, outcome: await strategy.run(batch) });
        const reference = outcomes[0]?.outcome.checksums;
        expect(reference?.every((c) => typeof c === 'number')).toBe(true);
        for (const { name, outcome } of outcomes) {
          expect({ name, failures: outcome.failures }).toEqual({ name, failures: [] });
          expect({ name, checksums: outcome.checksums }).toEqual({ name, checksums: reference });
        }
      } finally {
        await setup?.teardown();
      }
    });
  }

  it('a throwing task fails alone: the other tasks still finish under every strategy', async () => {
    const ref = throwingRef;
    const workload = await loadWorkload(ref);
    const batch: Batch = { ref, workload, inputs: workload.inputs({ tasks: 4, size: 'xs', seed: 1 }), env: {} };
    for (const strategy of running) {
      const outcome = await strategy.run(batch);
      expect({ name: strategy.name, failures: outcome.failures }).toEqual({
        name: strategy.name,
        failures: [{ task: 1, error: 'boom in task 1' }],
      });
      expect(outcome.checksums.filter((c) => c !== undefined)).toHaveLength(3);
    }
  });

  it('teardown stops every worker thread', async () => {
    expect(osThreadCount()).toBeGreaterThan(threadsBefore);
    await Promise.all(running.map((s) => s.teardown()));
    await gilPools.destroy();
    expect(await eventually(() => osThreadCount() <= threadsBefore)).toBe(true);
  });
});

describe('a task timeout counts from when the task starts, not from when it was queued', () => {
  it.each(strategies.map((info) => [info.name, info] as const))(
    '%s: five queued tasks of ~200 ms each finish on one thread under a 700 ms timeout',
    async (_name, info) => {
      const gilPools = new GilPools();
      const strategy = info.create({
        threads: 1,
        gilPools,
        gil: 'cpython',
        switchIntervalMs: 5,
        wake: 'fifo',
        taskTimeoutMs: 700,
        workerMemoryMb: 0,
      });
      try {
        await strategy.setup();
        const ref: WorkloadRef = { name: 'sleep' };
        const workload = await loadWorkload(ref);
        // Four 50 ms timer waits each: every task is well within the timeout, together they are not.
        const inputs = [1, 2, 3, 4, 5].map((seed) => ({ seed, rounds: 4, waitMs: 50 }));
        const outcome = await strategy.run({ ref, workload, inputs, env: {} });
        expect(outcome.failures).toEqual([]);
        expect(outcome.checksums.every((c) => typeof c === 'number')).toBe(true);
      } finally {
        await strategy.teardown();
        await gilPools.destroy();
      }
    },
    30_000,
  );
});
