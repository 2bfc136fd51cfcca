import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { CapacityProbe } from '../results/types.js';
import { median } from '../stats/summary.js';

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
 * How many cores are really free: the same kernel on one raw thread, then on two at once. Two free
 * cores take as long for two as for one; one busy core makes two take twice as long. The machine's
 * core count does not tell this when other programs, a CPU quota or a noisy VM take cores away.
 */
export async function probeCapacity(rounds = 3): Promise<CapacityProbe> {
  // execArgv: [] so that the kernel is read as CommonJS even under `node --input-type=module`.
  const workers = [new Worker(KERNEL, { eval: true, execArgv: [] }), new Worker(KERNEL, { eval: true, execArgv: [] })];
  try {
    const [first, second] = workers as [Worker, Worker];
    // Warm both threads' compilers first.
    await timeRound([first, second]);
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const alone = await timeRound([first]);
      const together = await timeRound([first, second]);
      ratios.push((2 * alone) / together);
    }
    return { threads: 2, freeCores: Math.round(Math.min(2, median(ratios)) * 100) / 100 };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
