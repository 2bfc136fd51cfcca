import { describe, expect, it } from 'vitest';
import { HostProbe } from '../src/measure/host-probe.js';
import { runSuite } from '../src/run/run-suite.js';
import { tinyConfig } from './helpers.js';

describe('garbage collection per batch, in every thread', () => {
  it('counts what an allocating workload collects on the main thread and in the pools, and next to nothing for one that does not allocate', async () => {
    const result = await runSuite(
      tinyConfig({
        workloads: [{ name: 'json' }, { name: 'fib' }],
        strategies: ['sequential', 'gil-threads', 'workers'],
        size: 's',
        tasks: 4,
        iterations: 3,
      }),
    );
    const gc = (workload: string, strategy: string): number =>
      result.cells.find((c) => c.workload === workload && c.strategy === strategy)?.host?.gcMsPerBatch ?? Number.NaN;
    for (const strategy of ['sequential', 'gil-threads', 'workers']) {
      // json builds and parses documents: V8 collects as it goes, in whichever thread runs the task.
      expect(gc('json', strategy), strategy).toBeGreaterThan(0);
      // A pool's threads collect what their tasks allocate: the pooled cells count it, not only the
      // main thread's (which hands tasks over and allocates little).
      expect(gc('json', strategy), strategy).toBeGreaterThan(0.5 * gc('json', 'sequential'));
      // fib allocates nothing in its loop: what it collects is far less than json's.
      expect(gc('fib', strategy), strategy).toBeLessThan(gc('json', strategy));
    }
    // Part of the process's CPU time, never more.
    for (const cell of result.cells)
      expect(cell.host?.gcMsPerBatch ?? 0).toBeLessThanOrEqual(cell.host?.cpuMsPerBatch ?? 0);
  }, 60_000);

  it('reports the mean per batch: a collection every few batches is a cost, though a typical batch has none', () => {
    const probe = new HostProbe();
    for (const pool of [0, 0, 6]) {
      probe.beginMachine();
      probe.addPoolGc(pool);
      probe.endMachine();
    }
    expect(probe.summary([10, 10, 10], 2).gcMsPerBatch).toBeGreaterThanOrEqual(2);
  });
});
