import type { RunConfig } from '../config/types.js';
import type { EngineFactory } from '../engine/engine.js';
import type { NodeEngineOptions } from '../engine/node-engine.js';

/**
 * The one place engines are chosen: the Node engine in this process, or in a child process of its
 * own with --isolate; beside it the Python engine when the run has Python workload modules. Loaded
 * on demand, so that commands that measure nothing never load piscina.
 */
export async function engineFor(
  config: Pick<RunConfig, 'isolate' | 'python' | 'pythons'>,
  measuring: NodeEngineOptions = {},
): Promise<EngineFactory> {
  // The self-benchmark's options are for the engine in this process, where it measures them.
  const inline = measuring.heartbeatEverywhere
    ? (await import('../engine/inline.js')).inlineEngineWith(measuring)
    : (await import('../engine/inline.js')).inlineEngine;
  const node =
    config.isolate && !measuring.heartbeatEverywhere ? (await import('../engine/child.js')).childEngine : inline;
  if (config.python === undefined) return node;
  const [{ pythonEngine }, { routedEngine }] = await Promise.all([
    import('../engine/python-engine.js'),
    import('../engine/routed.js'),
  ]);
  return routedEngine(node, pythonEngine, config.pythons ?? [config.python]);
}
