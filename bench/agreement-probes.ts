/**
 * How steady gil-bench's figures are from run to run, beside the machine's own limit: a raw
 * worker_threads harness doing the same tasks in the same rounds, with none of gil-bench's
 * machinery. And what the main loop's heartbeat, when it ran in every cell, cost the spread.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { builtinWorkloads } from '../workloads/index.js';
import { runSuite } from '../src/run/run-suite.js';
import type { RunConfig } from '../src/config/types.js';
import { relativeMargin } from '../src/stats/paired.js';
import { median } from '../src/stats/summary.js';
import type { Probe } from './types.js';
import { RUN as STRATEGY_RUN } from './strategy-probes.js';

const WORKLOADS = ['primes', 'json', 'regex'] as const;
const ROUNDS = 5;
const RUNS = 5;

const RUN: RunConfig = {
  ...STRATEGY_RUN,
  workloads: WORKLOADS.map((name) => ({ name })),
  iterations: ROUNDS,
  maxIterations: ROUNDS,
};

/** The workers speedup per workload, as gil-bench reports it, and each one's ± margin. */
async function gilBenchRun(heartbeatEverywhere: boolean): Promise<{ speedups: number[]; margins: number[] }> {
  const result = await runSuite(RUN, { heartbeatEverywhere });
  const cells = result.cells.filter((c) => c.strategy === 'workers');
  return {
    speedups: cells.map((c) => c.speedup?.value ?? Number.NaN),
    margins: cells.map((c) => (c.speedup ? relativeMargin(c.speedup) : Number.NaN)),
  };
}

const RAW_WORKER = (url: string, name: string): string => `
const { parentPort } = require('node:worker_threads');
const ctx = { checkpoint() {}, io: (fn) => fn(), native: (fn) => fn(), env: {} };
import(${JSON.stringify(url)}).then(({ builtinWorkloads }) => {
  const workload = builtinWorkloads.find((w) => w.name === ${JSON.stringify(name)});
  parentPort.on('message', async (input) => parentPort.postMessage(await workload.run(input, ctx)));
  parentPort.postMessage('ready');
});`;

/** Sequential on the main thread beside two raw worker threads, round by round; the fastest batches' ratio. */
async function rawRun(): Promise<number[]> {
  const url = new URL('../workloads/index.js', import.meta.url).href;
  const speedups: number[] = [];
  for (const name of WORKLOADS) {
    const workload = builtinWorkloads.find((w) => w.name === name);
    if (!workload) throw new Error(`no workload ${name}`);
    const inputs = workload.inputs({ tasks: RUN.tasks, size: RUN.size, seed: RUN.seed });
    const ctx = { checkpoint() {}, io: <T>(fn: () => Promise<T>) => fn(), native: <T>(fn: () => T) => fn(), env: {} };
    const workers = [0, 1].map(() => new Worker(RAW_WORKER(url, name), { eval: true }));
    try {
      await Promise.all(workers.map((w) => once(w, 'message')));
      const sequential = async (): Promise<number> => {
        const start = performance.now();
        for (const input of inputs) await workload.run(input, ctx);
        return performance.now() - start;
      };
      const parallel = async (): Promise<number> => {
        const start = performance.now();
        let next = 0;
        await Promise.all(
          workers.map(async (worker) => {
            while (next < inputs.length) {
              const reply = once(worker, 'message');
              worker.postMessage(inputs[next++]);
              await reply;
            }
          }),
        );
        return performance.now() - start;
      };
      // One warm-up round, then the same rounds gil-bench runs.
      await sequential();
      await parallel();
      const seq: number[] = [];
      const par: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        seq.push(await sequential());
        par.push(await parallel());
      }
      speedups.push(Math.min(...seq) / Math.min(...par));
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  }
  return speedups;
}

/** Run-to-run spread: the median, over workloads and pairs of runs, of |a − b| ÷ mean(a, b). */
function pairwiseSpread(runs: readonly number[][]): number {
  const gaps: number[] = [];
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      (runs[i] ?? []).forEach((a, k) => {
        const b = runs[j]?.[k] ?? Number.NaN;
        gaps.push(Math.abs(a - b) / ((a + b) / 2));
      });
    }
  }
  return median(gaps) * 100;
}

/** Alternating runs of each, so a noisy phase of the machine hits both alike. */
async function alternate<A, B>(runA: () => Promise<A>, runB: () => Promise<B>): Promise<[A[], B[]]> {
  const as: A[] = [];
  const bs: B[] = [];
  for (let run = 0; run < RUNS; run++) {
    as.push(await runA());
    bs.push(await runB());
  }
  return [as, bs];
}

let spreads: Promise<{ gilBench: number; raw: number }> | undefined;
/** What the comparison rows measured, for the rows that are judged against them. */
const measured: { raw?: number; withHeartbeat?: number } = {};
let heartbeat: Promise<{ without: number; with: number }> | undefined;

/** The run-to-run comparison is measured once and serves both of its rows. */
function agreement(): Promise<{ gilBench: number; raw: number }> {
  spreads ??= alternate(
    () => gilBenchRun(false),
    () => rawRun(),
  ).then(([ours, raw]) => {
    measured.raw = pairwiseSpread(raw);
    return { gilBench: pairwiseSpread(ours.map((r) => r.speedups)), raw: measured.raw };
  });
  return spreads;
}

function heartbeatCost(): Promise<{ without: number; with: number }> {
  heartbeat ??= alternate(
    () => gilBenchRun(false),
    () => gilBenchRun(true),
  ).then(([off, on]) => {
    measured.withHeartbeat = median(on.flatMap((r) => r.margins)) * 100;
    return { without: median(off.flatMap((r) => r.margins)) * 100, with: measured.withHeartbeat };
  });
  return heartbeat;
}

export const agreementProbes: Probe[] = [
  {
    figure: `run-to-run spread of the \`workers\` speedup, gil-bench (${WORKLOADS.join(', ')}; ${RUNS} runs of ${ROUNDS} rounds)`,
    unit: '%',
    target: '≤ the raw harness’s',
    reps: 1,
    long: true,
    pass: (x) => measured.raw !== undefined && x <= measured.raw,
    measure: async () => (await agreement()).gilBench,
  },
  {
    figure: 'the same spread, raw worker_threads doing the same tasks in the same rounds (the machine’s own limit)',
    unit: '%',
    target: 'for comparison',
    reps: 1,
    long: true,
    measure: async () => (await agreement()).raw,
  },
  {
    figure: '± of `workers` speedups, heartbeat only in loop-lag cells (as now)',
    unit: '%',
    target: '≤ with the heartbeat',
    reps: 1,
    long: true,
    pass: (x) => measured.withHeartbeat !== undefined && x <= measured.withHeartbeat,
    measure: async () => (await heartbeatCost()).without,
  },
  {
    figure: '± of `workers` speedups, heartbeat in every cell (as before)',
    unit: '%',
    target: 'for comparison',
    reps: 1,
    long: true,
    measure: async () => (await heartbeatCost()).with,
  },
];
