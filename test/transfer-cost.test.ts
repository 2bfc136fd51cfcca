import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../src/analysis/analyse.js';
import { runSuite } from '../src/run/run-suite.js';
import { ROOT, tinyConfig } from './helpers.js';

const BIG_INPUT = join(ROOT, 'test', 'fixtures', 'big-input-workload.js');

describe("handing tasks to Node's worker threads", () => {
  it('is measured with no work, and named where it costs more than the work', async () => {
    const result = analyse(
      await runSuite(
        tinyConfig({
          workloads: [{ name: 'big-input', file: BIG_INPUT }],
          strategies: ['sequential', 'workers'],
          threads: [2],
          tasks: 8,
          iterations: 3,
        }),
      ),
    );
    const workers = result.cells.find((c) => c.strategy === 'workers');
    // Each task's 2 MiB input is copied to a thread: far more than reading two of its numbers.
    expect(workers?.transferMs).toBeGreaterThan(0);
    const facts = workers?.verdict?.facts;
    expect(facts?.transferMs).toBeGreaterThan(facts?.taskMs ?? Number.POSITIVE_INFINITY);
    expect(workers?.verdict?.because).toContain('transfer-cost');
    expect(workers?.verdict?.text).toContain("sending each task's input to a worker thread and its result back costs");
    // Only a pool's cells hand tasks over.
    expect(result.cells.find((c) => c.strategy === 'sequential')?.transferMs).toBeUndefined();
  }, 60_000);
});
