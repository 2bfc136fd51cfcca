import type { RunConfig } from '../config/types.js';
import { strategyInfo } from '../strategies/registry.js';
import type { Strategy, StrategyInfo } from '../strategies/types.js';
import { describeError } from '../errors.js';
import type { GilPools } from '../strategies/gil/pool-set.js';

/** One strategy at one thread count; its pool is started afresh for each workload. */
export interface Lane {
  info: StrategyInfo;
  strategy: Strategy;
  /** Why setup failed; its cells are then errored. */
  setupError?: string;
}

/**
 * The strategies to run: main-thread strategies once, thread-pool strategies once per thread count.
 * Sequential comes first, so the reference checksums exist before anything is compared to them.
 */
export function planLanes(config: RunConfig, gilPools: GilPools): Lane[] {
  const lanes: Lane[] = [];
  const names = ['sequential' as const, ...config.strategies.filter((s) => s !== 'sequential')];
  for (const name of names) {
    const info = strategyInfo(name);
    const counts = info.usesThreads ? config.threads : [1];
    for (const threads of counts) {
      const strategy = info.create({
        threads,
        gilPools,
        gil: config.gil,
        switchIntervalMs: config.switchIntervalMs,
        wake: config.gilWake ?? 'fifo',
        taskTimeoutMs: config.taskTimeoutMs,
        workerMemoryMb: config.workerMemoryMb,
        ...(config.asyncLimit !== undefined ? { asyncLimit: config.asyncLimit } : {}),
      });
      lanes.push({ info, strategy });
    }
  }
  return lanes;
}

/** Starts a lane's pool. A failure is recorded, not thrown. */
export async function setupLane(lane: Lane): Promise<void> {
  try {
    await lane.strategy.setup();
  } catch (error) {
    lane.setupError = `could not start: ${describeError(error)}`;
  }
}
