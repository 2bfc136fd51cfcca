import type { EngineFactory } from './engine.js';
import { engineOver } from './engine.js';
import { NodeEngine, type NodeEngineOptions } from './node-engine.js';

/** The Node engine in this process, measuring as `options` say. */
export function inlineEngineWith(options: NodeEngineOptions): EngineFactory {
  return async (onEvent) => serve(new NodeEngine(onEvent, options));
}

/** The Node engine in this process: the protocol's requests are calls, with no copy on the way. */
export const inlineEngine: EngineFactory = async (onEvent) => serve(new NodeEngine(onEvent));

function serve(engine: NodeEngine) {
  let closed = false;
  return engineOver({
    request: (request) => engine.handle(request),
    abort: () => engine.abort(),
    async close() {
      if (closed) return;
      closed = true;
      await engine.handle({ op: 'end' });
    },
  });
}
