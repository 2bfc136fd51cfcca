import type { RunConfig } from '../config/types.js';
import type { EngineFactory } from '../engine/engine.js';

/**
 * The one place engines are chosen: the Node engine in this process, or in a child process of its
 * own with --isolate. Loaded on demand, so that commands that measure nothing never load piscina.
 */
export async function engineFor(config: Pick<RunConfig, 'isolate'>): Promise<EngineFactory> {
  if (config.isolate) return (await import('../engine/child.js')).childEngine;
  return (await import('../engine/inline.js')).inlineEngine;
}
