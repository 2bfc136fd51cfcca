import type { RunConfig } from '../config/types.js';
import type { EngineFactory } from '../engine/engine.js';
import type { CellTrace } from '../engine/protocol.js';
import type { SuiteResult } from '../results/types.js';
import { advisorFor } from './advisor.js';
import { engineFor } from './engines.js';
import { schedule } from './scheduler.js';
import type { ProgressEvent } from './types.js';

export interface RunHooks {
  onProgress?(event: ProgressEvent): void;
  /** Aborting stops after the batch in flight; the result is then marked partial. */
  signal?: AbortSignal;
  onTrace?(trace: CellTrace): void | Promise<void>;
  /** The main loop's heartbeat in every timed batch (the self-benchmark measures what it costs). */
  heartbeatEverywhere?: boolean;
  /** What runs the batches (default: the Node engine, in this process or a child as the configuration says). */
  engine?: EngineFactory;
}

/**
 * Runs every workload under every strategy and returns the results as data, unanalysed: the
 * programmatic form of a benchmark command. It never prints; progress goes out as events.
 */
export async function runSuite(config: RunConfig, hooks: RunHooks = {}): Promise<SuiteResult> {
  const { result } = await schedule(config, {
    engine: hooks.engine ?? (await engineFor(config, hooks.heartbeatEverywhere ? { heartbeatEverywhere: true } : {})),
    advisor: advisorFor(config),
    ...(hooks.signal ? { signal: hooks.signal } : {}),
    ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
    ...(hooks.onTrace ? { onTrace: hooks.onTrace } : {}),
  });
  return result;
}
