import { createAsyncOffload } from './async-offload.js';
import { createAsync } from './async.js';
import { createGilThreads } from './gil-threads.js';
import { createSequential } from './sequential.js';
import { STRATEGY_DESCRIPTIONS } from './names.js';
import type { StrategyInfo, StrategyName } from './types.js';
import { createWorkers } from './workers.js';

/** The single list of strategies: adding one means a file and a line here. */
export const strategies: readonly StrategyInfo[] = [
  {
    name: 'sequential',
    description: STRATEGY_DESCRIPTIONS['sequential'],
    usesThreads: false,
    create: createSequential,
  },
  {
    name: 'gil-threads',
    description: STRATEGY_DESCRIPTIONS['gil-threads'],
    usesThreads: true,
    create: createGilThreads,
  },
  {
    name: 'async',
    description: STRATEGY_DESCRIPTIONS['async'],
    usesThreads: false,
    create: createAsync,
  },
  {
    name: 'workers',
    description: STRATEGY_DESCRIPTIONS['workers'],
    usesThreads: true,
    create: createWorkers,
  },
  {
    name: 'async-offload',
    description: STRATEGY_DESCRIPTIONS['async-offload'],
    usesThreads: true,
    create: createAsyncOffload,
  },
];

export function strategyInfo(name: StrategyName): StrategyInfo {
  const info = strategies.find((s) => s.name === name);
  if (!info) throw new Error(`unknown strategy "${name}"`);
  return info;
}
