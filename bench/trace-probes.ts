import { primes } from '../workloads/cpu/primes.js';
import type { Workload } from '../workloads/types.js';
import { median } from '../src/stats/summary.js';
import { GilPools } from '../src/strategies/gil/pool-set.js';
import { strategyInfo } from '../src/strategies/registry.js';
import type { GilMode } from '../src/strategies/names.js';
import type { Batch } from '../src/strategies/types.js';
import type { Probe } from './types.js';

/** Pairs of batches, one traced and one not, in alternating order so that drift hits both alike. */
const PAIRS = 7;

/**
 * What `--trace` costs the batch it records: the same primes batch under gil-threads ×2, traced and
 * untraced side by side. Only the batch is timed; turning the events into a timeline comes after.
 */
const tracedProbe = (gil: Extract<GilMode, 'cpython' | 'legacy'>): Probe => ({
  figure: `traced batch ÷ untraced batch (\`--trace\`; gil-threads ×2, primes, ${gil} lock)`,
  unit: '×',
  target: '≤ 1.05×',
  reps: 1,
  pass: (ratio) => ratio <= 1.05,
  async measure() {
    const pools = new GilPools();
    const strategy = strategyInfo('gil-threads').create({
      threads: 2,
      gilPools: pools,
      gil,
      switchIntervalMs: 5,
      wake: 'fifo',
      taskTimeoutMs: 60_000,
      workerMemoryMb: 0,
    });
    const batch: Batch = {
      ref: { name: 'primes' },
      workload: primes as Workload,
      inputs: primes.inputs({ tasks: 8, size: 'm', seed: 42 }),
      env: {},
    };
    const time = async (trace: boolean): Promise<number> => {
      const start = performance.now();
      const outcome = await strategy.run({ ...batch, trace });
      if (outcome.failures.length > 0) throw new Error(outcome.failures[0]?.error);
      return performance.now() - start;
    };
    try {
      await strategy.setup();
      // Warm both paths: the JIT, and each thread's trace buffer.
      await time(false);
      await time(true);
      const ratios: number[] = [];
      for (let pair = 0; pair < PAIRS; pair++) {
        const tracedFirst = pair % 2 === 1;
        const first = await time(tracedFirst);
        const second = await time(!tracedFirst);
        ratios.push(tracedFirst ? first / second : second / first);
      }
      process.stderr.write(`  pairs (traced ÷ untraced): ${ratios.map((r) => r.toFixed(3)).join(' ')}\n`);
      return median(ratios);
    } finally {
      await strategy.teardown();
      await pools.destroy();
    }
  },
});

export const traceProbes: Probe[] = [tracedProbe('cpython'), tracedProbe('legacy')];
