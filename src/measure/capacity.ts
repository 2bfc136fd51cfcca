import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { coreTimes } from './core-times.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { CapacityProbe } from '../results/types.js';
import { median } from '../stats/summary.js';
import { ownCpuMs } from './own-cpu.js';

/** A fixed CPU kernel (~15 ms on a 2020s core), run in raw threads: no pool, no lock. */
const KERNEL = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', () => {
  const start = performance.now();
  let count = 0;
  for (let n = 2; n < 350000; n++) {
    let prime = n > 1;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) { prime = false; break; }
    if (prime) count++;
  }
  parentPort.postMessage({ ms: performance.now() - start, count });
});`;

/** The least time the cores' idle time is watched, ms: long enough for the OS's accounting (10 ms ticks). */
const IDLE_WINDOW_MS = 200;
/** Cores our other processes may keep busy while the kernel runs before its ratio is not the hardware's. */
const OTHERS_BUSY = 0.25;

async function timeRound(workers: Worker[]): Promise<number> {
  const start = performance.now();
  await Promise.all(
    workers.map(async (worker) => {
      const reply = once(worker, 'message');
      worker.postMessage('go');
      await reply;
    }),
  );
  return performance.now() - start;
}

/**
 * Cores that other programs left free: the OS's own count of idle time over a short window, plus
 * the time this process and the processes it started used (theirs are not other programs'), as a
 * share of all the cores' time, times the cores this process may use.
 */
export async function idleCores(windowMs = IDLE_WINDOW_MS, cores = availableParallelism()): Promise<number> {
  return (await idleCoresWhile(sleep(windowMs), cores)).free;
}

/** The same count over the time `work` takes, with what `work` gives. */
async function idleCoresWhile<T>(
  work: Promise<T>,
  cores = availableParallelism(),
): Promise<{ free: number; value: T }> {
  const before = coreTimes();
  const ours = ownCpuMs();
  const value = await work;
  const after = coreTimes();
  const own = Math.max(0, ownCpuMs() - ours);
  const total = after.total - before.total;
  const free = total > 0 ? Math.min(cores, ((after.idle - before.idle + own) / total) * cores) : cores;
  return { free, value };
}

/** The raw threads the ratio is measured in, started and their compilers warmed. */
async function warmedThreads(): Promise<[Worker, Worker]> {
  // execArgv: [] so that the kernel is read as CommonJS even under `node --input-type=module`.
  const workers: [Worker, Worker] = [
    new Worker(KERNEL, { eval: true, execArgv: [] }),
    new Worker(KERNEL, { eval: true, execArgv: [] }),
  ];
  try {
    await timeRound(workers);
    return workers;
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
}

/**
 * Two raw threads' throughput over one thread's, on the same kernel: 2 where two cores compute at
 * once. Undefined where the processes this one started used a core meanwhile: the ratio would be
 * theirs, not the hardware's.
 */
async function rawParallelism([first, second]: [Worker, Worker], rounds: number): Promise<number | undefined> {
  const start = performance.now();
  const ours = ownCpuMs();
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const alone = await timeRound([first]);
    const together = await timeRound([first, second]);
    ratios.push((2 * alone) / together);
  }
  // Our kernel keeps 1.5 cores busy on average (one alone, then two): more is another process of ours.
  const others = (ownCpuMs() - ours) / (performance.now() - start) - 1.5;
  return others > OTHERS_BUSY ? undefined : Math.min(2, median(ratios));
}

/**
 * How many cores are free, and how much two threads can gain on them. Two questions, measured
 * apart: the kernel's ratio alone (two raw threads against one) read 1.2–1.3 on an idle 2-vCPU
 * machine whose two vCPUs share a physical core's execution units, and was taken for other
 * programs. Free cores come from the OS's idle time with this process's own time added back,
 * watched while the raw threads measure the ratio (a run's start-up is that much shorter): on an
 * idle machine what our threads leave idle and what they use add up to every core, and another
 * program's share shows as time neither had (a program spinning on one of 2 cores read 1.16–1.24
 * free: it yields some of its core to our two threads). The ratio is kept as what parallel compute
 * can reach.
 */
export async function probeCapacity(rounds = 3): Promise<CapacityProbe> {
  const measured = idleCoresWhile(
    Promise.all([
      sleep(IDLE_WINDOW_MS),
      (async () => {
        const workers = await warmedThreads();
        try {
          return await rawParallelism(workers, rounds);
        } finally {
          await Promise.all(workers.map((worker) => worker.terminate()));
        }
      })(),
    ]),
  );
  const {
    free,
    value: [, parallelism],
  } = await measured;
  return {
    threads: 2,
    freeCores: Math.round(free * 100) / 100,
    ...(parallelism === undefined ? {} : { parallelism: Math.round(parallelism * 100) / 100 }),
  };
}
