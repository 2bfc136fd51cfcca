import { describe, expect, it } from 'vitest';
import { runSuite, type ProgressEvent } from '../src/measure/runner.js';
import type { RunConfig } from '../src/config/types.js';
import { fixture, tinyConfig } from './helpers.js';

// Batches alternate between about 1 ms and 10 ms: an estimate that never settles.
const jittery = { name: 'jittery', file: fixture('jittery-workload.js') };
const sum = (values: readonly number[]): number => values.reduce((s, x) => s + x, 0);

/** The workload of every batch, in the order they ran. */
async function batchOrder(overrides: Partial<RunConfig>): Promise<string[]> {
  const order: string[] = [];
  const onProgress = (event: ProgressEvent): void => {
    if (event.type === 'batch') order.push(event.workload);
  };
  const result = await runSuite(tinyConfig({ workloads: [{ name: 'primes' }, { name: 'fib' }], strategies: ['sequential', 'workers'], iterations: 4, maxIterations: 4, ...overrides }), { onProgress });
  expect(result.cells.map((cell) => cell.state)).toEqual(['completed', 'completed', 'completed', 'completed']);
  return order;
}

describe('runSuite', () => {
  it('gives a cell whose estimate has not settled further rounds, up to --max-iterations', async () => {
    const result = await runSuite(tinyConfig({ workloads: [jittery], strategies: ['sequential'], tasks: 1, iterations: 4, maxIterations: 5 }));
    const cell = result.cells[0];
    expect(cell?.state).toBe('completed');
    expect(cell?.samples).toHaveLength(5);
    expect(cell?.stats?.rme).toBeGreaterThan(5);
  });

  it('stops further rounds once they have cost a fifth of the planned time', async () => {
    const result = await runSuite(tinyConfig({ workloads: [jittery], strategies: ['sequential'], tasks: 1, iterations: 4, maxIterations: 100 }));
    const samples = result.cells[0]?.samples ?? [];
    expect(samples.length).toBeGreaterThan(4);
    expect(samples.length).toBeLessThan(100);
    // Every round but the last started within the budget.
    expect(sum(samples.slice(4, -1))).toBeLessThan(0.2 * sum(samples.slice(0, 4)));
  });

  it('runs exactly --iterations batches when --max-iterations equals it', async () => {
    const result = await runSuite(tinyConfig({ workloads: [jittery], strategies: ['sequential'], tasks: 1, iterations: 3, maxIterations: 3 }));
    expect(result.cells[0]?.samples).toHaveLength(3);
  });

  it('takes turns across workloads: later rounds of the first run after the second has started', async () => {
    const order = await batchOrder({});
    expect(order).toHaveLength(16);
    // The first round runs the workloads in order; later rounds interleave them.
    expect(order.slice(0, 4)).toEqual(['primes', 'primes', 'fib', 'fib']);
    expect(order.lastIndexOf('primes')).toBeGreaterThan(order.indexOf('fib'));
  });

  it('with --order sequential, runs each workload to the end before the next', async () => {
    const order = await batchOrder({ order: 'sequential' });
    expect(order).toEqual([...Array<string>(8).fill('primes'), ...Array<string>(8).fill('fib')]);
  });
});
