import { describe, expect, it } from 'vitest';
import type { SuiteResult } from '../src/results/types.js';
import { runSuite } from '../src/run/run-suite.js';
import type { ProgressEvent } from '../src/run/types.js';
import type { RunConfig } from '../src/config/types.js';
import { median } from '../src/stats/summary.js';
import { fixture, tinyConfig } from './helpers.js';

// Batches alternate between about 1 ms and 10 ms: an estimate that never settles.
const jittery = { name: 'jittery', file: fixture('jittery-workload.js') };
const sum = (values: readonly number[]): number => values.reduce((s, x) => s + x, 0);

/** The workload of every batch, in the order they ran. */
async function batchOrder(overrides: Partial<RunConfig>, cells = 4): Promise<string[]> {
  const order: string[] = [];
  const onProgress = (event: ProgressEvent): void => {
    if (event.type === 'batch') order.push(event.workload);
  };
  const result = await runSuite(
    tinyConfig({
      workloads: [{ name: 'primes' }, { name: 'fib' }],
      strategies: ['sequential', 'workers'],
      iterations: 4,
      maxIterations: 4,
      ...overrides,
    }),
    { onProgress },
  );
  expect(result.cells.map((cell) => cell.state)).toEqual(Array<string>(cells).fill('completed'));
  return order;
}

describe('runSuite', () => {
  it('gives a cell whose speedup has not settled further rounds, up to --max-iterations, with sequential beside it', async () => {
    const result = await runSuite(
      tinyConfig({
        workloads: [jittery],
        strategies: ['sequential', 'async'],
        tasks: 1,
        iterations: 4,
        maxIterations: 5,
      }),
    );
    const [sequential, cell] = result.cells;
    expect(cell?.state).toBe('completed');
    expect(cell?.samples).toHaveLength(5);
    // Every further batch has its pair: sequential ran in the same rounds.
    expect(sequential?.rounds).toEqual(cell?.rounds);
    expect(cell?.rounds).toEqual([0, 1, 2, 3, 4]);
    const margin = ((cell?.speedup?.high ?? 0) - (cell?.speedup?.low ?? 0)) / 2 / (cell?.speedup?.value ?? 1);
    expect(margin).toBeGreaterThan(0.05);
  });

  it('stops further rounds once they have cost a fifth of the planned time', async () => {
    const result = await runSuite(
      tinyConfig({
        workloads: [jittery],
        strategies: ['sequential', 'async'],
        tasks: 1,
        iterations: 4,
        maxIterations: 100,
      }),
    );
    const samples = result.cells[1]?.samples ?? [];
    expect(samples.length).toBeGreaterThan(4);
    expect(samples.length).toBeLessThan(100);
    // The budget counts both cells' batches (sequential runs beside async in every further round).
    const over = (pick: (s: number[]) => number[]) => sum(result.cells.flatMap((c) => pick(c.samples)));
    const planned = over((s) => s.slice(0, 4));
    const further = over((s) => s.slice(4));
    // The jittery cell never settles, so the budget is what stopped it: spent, and only by the last round.
    expect(further).toBeGreaterThanOrEqual(0.2 * planned);
    expect(further - over((s) => s.slice(-1))).toBeLessThan(0.2 * planned);
  });

  it.each([
    ['min', (values: readonly number[]) => Math.min(...values)],
    ['median', median],
  ] as const)("computes speedups from each cell's %s", async (estimator, statistic) => {
    const result = await runSuite(
      tinyConfig({
        workloads: [jittery],
        strategies: ['sequential', 'async'],
        tasks: 1,
        iterations: 4,
        maxIterations: 4,
        estimator,
      }),
    );
    const [sequential, async] = result.cells;
    expect(result.config.estimator).toBe(estimator);
    expect(async?.speedup?.value).toBe(statistic(sequential?.samples ?? []) / statistic(async?.samples ?? []));
  });

  it('runs the main loop heartbeat only where loop lag is the figure, unless asked to everywhere', async () => {
    const config = tinyConfig({
      workloads: [{ name: 'primes' }, { name: 'responsiveness' }],
      strategies: ['sequential', 'workers'],
      tasks: 2,
      iterations: 1,
      maxIterations: 1,
    });
    const lagOf = (result: SuiteResult): Array<[string, boolean]> =>
      result.cells.map((cell) => [cell.workload, cell.host?.loopLagP99 !== undefined]);
    expect(lagOf(await runSuite(config))).toEqual([
      ['primes', false],
      ['primes', false],
      ['responsiveness', true],
      ['responsiveness', true],
    ]);
    expect(lagOf(await runSuite(config, { heartbeatEverywhere: true })).every(([, lag]) => lag)).toBe(true);
  });

  it("judges the convoy's I/O against the same I/O alone under each strategy, measured between the timed batches", async () => {
    const result = await runSuite(
      tinyConfig({ suite: 'mixed', workloads: [{ name: 'convoy' }], iterations: 2, maxIterations: 2 }),
    );
    for (const cell of result.cells) {
      const where = `${cell.strategy}`;
      expect(cell.state, where).toBe('completed');
      // xs: 5 waits per I/O task, alone once after each of the 2 timed batches.
      expect(cell.ioAlone?.ops, where).toBe(10);
      // Alone, a 5 ms wait takes at least its 5 ms (a timer never fires early; how late it fires
      // on a loaded machine is a figure for the benchmarks, not a test's bound).
      expect(cell.ioAlone?.p50, where).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('leaves no listener behind on a signal, with or without one, even for eleven cells', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning);
    };
    process.on('warning', onWarning);
    try {
      for (const signal of [undefined, new AbortController().signal]) {
        // sequential and async, plus three pooled strategies at three thread counts.
        const result = await runSuite(
          tinyConfig({ threads: [1, 2, 3], iterations: 2, maxIterations: 2 }),
          signal ? { signal } : {},
        );
        expect(result.cells).toHaveLength(11);
      }
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
  });

  it('runs exactly --iterations batches when --max-iterations equals it', async () => {
    const result = await runSuite(
      tinyConfig({ workloads: [jittery], strategies: ['sequential'], tasks: 1, iterations: 3, maxIterations: 3 }),
    );
    expect(result.cells[0]?.samples).toHaveLength(3);
  });

  it.each(['interleaved', 'sequential'] as const)(
    'with --order %s, measures each workload to the end before the next',
    async (order) => {
      expect(await batchOrder({ order })).toEqual([
        ...Array<string>(8).fill('primes'),
        ...Array<string>(8).fill('fib'),
      ]);
    },
  );

  it('with --order sequential, further rounds of a workload come before the next workload', async () => {
    const order = await batchOrder(
      {
        workloads: [jittery, { name: 'primes' }],
        strategies: ['sequential', 'async'],
        tasks: 1,
        iterations: 3,
        maxIterations: 5,
        order: 'sequential',
      },
      4,
    );
    expect(order.filter((name) => name === 'jittery').length).toBeGreaterThan(6);
    expect(order.lastIndexOf('jittery')).toBeLessThan(order.indexOf('primes'));
  });

  it('takes no further round past --max-iterations, whatever --time leaves', async () => {
    // Noop batches are too short to settle; the budget would allow thousands of rounds.
    const noop = { name: 'noop', file: fixture('noop-workload.js') };
    const result = await runSuite(
      tinyConfig({
        workloads: [noop],
        strategies: ['sequential', 'async'],
        iterations: 2,
        maxIterations: 3,
        timeMs: 60_000,
      }),
    );
    for (const cell of result.cells) expect(cell.samples.length, cell.strategy).toBeLessThanOrEqual(3);
  });

  it('counts every planned batch of every workload, none as a further round', async () => {
    const events: ProgressEvent[] = [];
    const config = tinyConfig({
      workloads: [{ name: 'primes' }, { name: 'sleep' }],
      strategies: ['sequential', 'async'],
      iterations: 2,
      maxIterations: 2,
    });
    await runSuite(config, { onProgress: (event) => events.push(event) });
    const batches = events.filter((event) => event.type === 'batch');
    expect(batches).toHaveLength(8);
    expect(batches.some((event) => event.extra)).toBe(false);
    expect(batches.map((event) => event.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('stopped part-way, keeps the batches measured and leaves out the workloads it never reached', async () => {
    const stop = new AbortController();
    const onProgress = (event: ProgressEvent): void => {
      if (event.type === 'batch' && event.workload === 'fib') stop.abort();
    };
    const config = tinyConfig({
      workloads: [{ name: 'primes' }, { name: 'fib' }, { name: 'sha256' }],
      strategies: ['sequential', 'async', 'workers'],
      iterations: 3,
    });
    const result = await runSuite(config, { onProgress, signal: stop.signal });
    expect(result.partial).toBe(true);
    // primes was measured in full; fib stopped after its first batch; sha256 was never reached.
    expect(result.cells.map((cell) => `${cell.workload}/${cell.strategy}:${cell.samples.length}`)).toEqual([
      'primes/sequential:3',
      'primes/async:3',
      'primes/workers:3',
      'fib/sequential:1',
    ]);
  });
});
