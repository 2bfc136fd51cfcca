import { describe, expect, it } from 'vitest';
import { runSuite } from '../src/measure/runner.js';
import { fixture, tinyConfig } from './helpers.js';

const jittery = { name: 'jittery', file: fixture('jittery-workload.js') };

describe('runSuite', () => {
  it('gives a cell whose estimate has not settled further rounds, up to --max-iterations', async () => {
    const result = await runSuite(tinyConfig({ workloads: [jittery], strategies: ['sequential'], tasks: 1, iterations: 3, maxIterations: 7 }));
    const cell = result.cells[0];
    expect(cell?.state).toBe('completed');
    expect(cell?.samples).toHaveLength(7);
    expect(cell?.stats?.rme).toBeGreaterThan(5);
  });

  it('runs exactly --iterations batches when --max-iterations equals it', async () => {
    const result = await runSuite(tinyConfig({ workloads: [jittery], strategies: ['sequential'], tasks: 1, iterations: 3, maxIterations: 3 }));
    expect(result.cells[0]?.samples).toHaveLength(3);
  });
});
