import type { RunConfig } from '../config/types.js';
import { strategyInfo } from '../strategies/registry.js';
import type { Strategy, StrategyInfo } from '../strategies/types.js';
import { describeError } from '../errors.js';

/** One strategy at one thread count, set up once and reused by every workload of the run. */
export interface Lane {
  info: StrategyInfo;
  strategy: Strategy;
  /** Cold start (pool threads started and ready), ms. */
  startupMs: number;
  /** Why setup failed; its cells are then errored. */
  setupError?: string;
}

/**
 * The strategies to run: main-thread strategies once, thread-pool strategies once per thread count.
 * Sequential comes first, so the reference checksums exist before anything is compared to them.
 */
export function planLanes(config: RunConfig): Lane[] {
  const lanes: Lane[] = [];
  const names = ['sequential' as const, ...config.strategies.filter((s) => s !== 'sequential')];
  for (const name of names) {
    const info = strategyInfo(name);
    const counts = info.usesThreads ? config.threads : [1];
    for (const threads of counts) {
      const strategy = info.create({
        threads,
        gil: config.gil,
        switchIntervalMs: config.switchIntervalMs,
        taskTimeoutMs: config.taskTimeoutMs,
      });
      lanes.push({ info, strategy, startupMs: 0 });
    }
  }
  return lanes;
}

/** Starts a lane's pool, timing the cold start. A failure is recorded, not thrown. */
export async function setupLane(lane: Lane): Promise<void> {
  const start = performance.now();
  try {
    await lane.strategy.setup();
    // Main-thread strategies have nothing to start.
    lane.startupMs = lane.info.usesThreads ? performance.now() - start : 0;
  } catch (error) {
    lane.setupError = `could not start: ${describeError(error)}`;
  }
}
