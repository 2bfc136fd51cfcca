import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { primes } from '../workloads/cpu/primes.js';
import { request, startServer } from '../workloads/io/http.js';
import type { Workload } from '../workloads/types.js';
import { runSuite } from '../src/run/run-suite.js';
import { median } from '../src/stats/summary.js';
import { GilPools } from '../src/strategies/gil/pool-set.js';
import { strategyInfo } from '../src/strategies/registry.js';
import type { Batch, Strategy, StrategyName } from '../src/strategies/types.js';
import { DEFAULTS } from '../src/config/defaults.js';
import type { RunConfig } from '../src/config/types.js';
import type { Probe } from './types.js';

/** A default cpu run of primes under sequential and workers, the probes' common configuration. */
export const RUN: RunConfig = {
  suite: 'cpu',
  workloads: [{ name: 'primes' }],
  strategies: ['sequential', 'workers'],
  threads: [2],
  tasks: 8,
  size: 'm',
  iterations: 5,
  maxIterations: 10,
  timeMs: 0,
  warmup: 1,
  warmupMs: 200,
  seed: 42,
  gil: 'cpython',
  switchIntervalMs: 5,
  taskTimeoutMs: 60_000,
  workerMemoryMb: 0,
  order: 'interleaved',
  // What gil-bench reports by default.
  estimator: DEFAULTS.estimator,
  probe: false,
};

/** The speedup gil-bench itself reports for one strategy against sequential. */
async function reportedSpeedup(strategy: StrategyName, threads: number): Promise<number> {
  const result = await runSuite({ ...RUN, strategies: ['sequential', strategy], threads: [threads] });
  return result.cells.find((c) => c.strategy === strategy)?.speedup?.value ?? Number.NaN;
}

function create(name: StrategyName, threads: number, pools: GilPools): Strategy {
  return strategyInfo(name).create({
    threads,
    gilPools: pools,
    gil: 'cpython',
    switchIntervalMs: 5,
    wake: 'fifo',
    taskTimeoutMs: 60_000,
    workerMemoryMb: 0,
  });
}

async function timeBatch(strategy: Strategy, batch: Batch): Promise<number> {
  const start = performance.now();
  const outcome = await strategy.run(batch);
  if (outcome.failures.length > 0) throw new Error(outcome.failures[0]?.error);
  return performance.now() - start;
}

/** Two raw worker_threads running the same kernel, one task at a time each, as piscina does. */
const RAW_WORKER = (url: string): string => `
const { parentPort } = require('node:worker_threads');
import(${JSON.stringify(url)}).then(({ countPrimes }) => {
  parentPort.on('message', ({ from, to }) => parentPort.postMessage(countPrimes(from, to, () => {})));
  parentPort.postMessage('ready');
});`;

async function rawBatch(workers: Worker[], inputs: ReadonlyArray<{ from: number; to: number }>): Promise<number> {
  const start = performance.now();
  let next = 0;
  await Promise.all(
    workers.map(async (worker) => {
      while (next < inputs.length) {
        const input = inputs[next++];
        const reply = once(worker, 'message');
        worker.postMessage(input);
        await reply;
      }
    }),
  );
  return performance.now() - start;
}

export const strategyProbes: Probe[] = [
  {
    figure: '`workers` CPU speedup, 2 threads, vs sequential (primes, as gil-bench reports it)',
    unit: '×',
    target: '≥ 1.85×',
    reps: 3,
    pass: (x) => x >= 1.85,
    measure: () => reportedSpeedup('workers', 2),
  },
  {
    figure: '`workers` batch time ÷ raw worker_threads doing the same batch (side by side)',
    unit: '×',
    target: '≤ 1.05×',
    reps: 1,
    pass: (x) => x <= 1.05,
    async measure() {
      const pools = new GilPools();
      const workers = create('workers', 2, pools);
      const url = new URL('../workloads/cpu/primes.js', import.meta.url).href;
      const raw = [0, 1].map(() => new Worker(RAW_WORKER(url), { eval: true, execArgv: [] }));
      // Listen for 'ready' at once: it may arrive while the pool is still starting.
      const ready = Promise.all(raw.map((w) => once(w, 'message')));
      try {
        await workers.setup();
        await ready;
        const inputs = primes.inputs({ tasks: 8, size: 'm', seed: 42 });
        const batch: Batch = { ref: { name: 'primes' }, workload: primes as Workload, inputs, env: {} };
        await timeBatch(workers, batch);
        await rawBatch(raw, inputs);
        const ratios: number[] = [];
        for (let rep = 0; rep < 7; rep++)
          ratios.push((await timeBatch(workers, batch)) / (await rawBatch(raw, inputs)));
        return median(ratios);
      } finally {
        await workers.teardown();
        await Promise.all(raw.map((w) => w.terminate()));
      }
    },
  },
  {
    figure: '`gil-threads` with 1 thread vs sequential (lock and checkpoint overhead, as reported)',
    unit: '×',
    target: '≥ 0.97×',
    reps: 3,
    pass: (x) => x >= 0.97,
    measure: () => reportedSpeedup('gil-threads', 1),
  },
  {
    figure:
      "`async`: 1,000 concurrent 10 ms waits, batch time ÷ plain Node's `Promise.all` of 1,000 `setTimeout(10)` (alternated, median)",
    unit: '×',
    target: '≤ 1.1×',
    pass: (x) => x <= 1.1,
    async measure() {
      const wait: Workload<number> = {
        name: 'wait',
        kind: 'io',
        description: 'a 10 ms timer',
        inputs: () => [],
        run: (_, ctx) => ctx.io(() => sleep(10).then(() => 1)),
      };
      const strategy = create('async', 1, new GilPools());
      const batch: Batch = {
        ref: { name: 'wait' },
        workload: wait as Workload,
        inputs: new Array<number>(1000).fill(0),
        env: {},
      };
      // The reference: what the same waits cost on Node's event loop with nothing of ours around them.
      const plain = async (): Promise<number> => {
        const start = performance.now();
        await Promise.all(Array.from({ length: 1000 }, () => sleep(10).then(() => 1)));
        return performance.now() - start;
      };
      await timeBatch(strategy, batch);
      await plain();
      const ratios: number[] = [];
      for (let rep = 0; rep < 41; rep++) ratios.push((await timeBatch(strategy, batch)) / (await plain()));
      return median(ratios);
    },
  },
  {
    figure: '`async` HTTP: 200 loopback requests answered after 5 ms, speedup vs sequential',
    unit: '×',
    target: '≥ 20×',
    reps: 3,
    pass: (x) => x >= 20,
    async measure() {
      const server = await startServer();
      const get: Workload<number> = {
        name: 'get',
        kind: 'io',
        description: 'one GET',
        inputs: () => [],
        run: (i, ctx) => ctx.io(() => request(Number(ctx.env['port']), `/?delay=5&v=${i}`)).then((body) => body.length),
      };
      try {
        const pools = new GilPools();
        const batch: Batch = {
          ref: { name: 'get' },
          workload: get as Workload,
          inputs: Array.from({ length: 200 }, (_, i) => i),
          env: server.env,
        };
        const sequential = create('sequential', 1, pools);
        const async = create('async', 1, pools);
        await timeBatch(async, batch);
        return (await timeBatch(sequential, batch)) / (await timeBatch(async, batch));
      } finally {
        await server.teardown();
      }
    },
  },
  ...(['workers', 'async-offload'] as const).map((strategy): Probe => ({
    figure: `event-loop p99 lag with CPU offloaded to \`${strategy}\` (responsiveness workload)`,
    unit: 'ms',
    target: '≤ 10 ms',
    reps: 3,
    pass: (x) => x <= 10,
    async measure() {
      const result = await runSuite({
        ...RUN,
        suite: 'mixed',
        workloads: [{ name: 'responsiveness' }],
        strategies: ['sequential', strategy],
      });
      return result.cells.find((c) => c.strategy === strategy)?.host?.loopLagP99 ?? Number.NaN;
    },
  })),
];
