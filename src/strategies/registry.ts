import { createAsyncOffload } from './async-offload.js';
import { createAsync } from './async.js';
import { createGilThreads } from './gil-threads.js';
import { createSequential } from './sequential.js';
import type { StrategyInfo, StrategyName } from './types.js';
import { createWorkers } from './workers.js';

/** The single list of strategies: adding one means a file and a line here. */
export const strategies: readonly StrategyInfo[] = [
  {
    name: 'sequential',
    description: 'one task after another on the main thread; the reference for every speedup',
    usesThreads: false,
    create: createSequential,
  },
  {
    name: 'gil-threads',
    description: 'N worker threads that must hold one simulated global lock to run code',
    usesThreads: true,
    create: createGilThreads,
  },
  {
    name: 'async',
    description: 'one event loop running every task at once; tasks switch only at await',
    usesThreads: false,
    create: createAsync,
  },
  {
    name: 'workers',
    description: 'N truly parallel worker threads (piscina), no lock',
    usesThreads: true,
    create: createWorkers,
  },
  {
    name: 'async-offload',
    description: 'the event loop hands each task to the lock-guarded pool and awaits it',
    usesThreads: true,
    create: createAsyncOffload,
  },
];

export function strategyInfo(name: StrategyName): StrategyInfo {
  const info = strategies.find((s) => s.name === name);
  if (!info) throw new Error(`unknown strategy "${name}"`);
  return info;
}
