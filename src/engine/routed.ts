/**
 * One engine over two runtimes: Python workload modules go to the Python engine, every other
 * workload to the Node engine. Each is started once, when first needed; the Python one at once,
 * so that a missing or unsuitable interpreter is a usage error before anything is measured.
 */
import type { Engine, EngineFactory } from './engine.js';
import { isPythonWorkload } from './python-engine.js';

export function routedEngine(node: EngineFactory, python: EngineFactory): EngineFactory {
  return async (onEvent) => {
    const started: Engine[] = [];
    let aborted = false;
    const starting = (factory: EngineFactory): (() => Promise<Engine>) => {
      let engine: Promise<Engine> | undefined;
      return () =>
        (engine ??= factory(onEvent).then((made) => {
          started.push(made);
          if (aborted) made.abort();
          return made;
        }));
    };
    const nodeEngine = starting(node);
    const pythonEngine = starting(python);
    await pythonEngine();
    return {
      probe: async () => (await nodeEngine()).probe(),
      open: async (config, spec, options) =>
        (await (isPythonWorkload(spec) ? pythonEngine : nodeEngine)()).open(config, spec, options),
      abort: () => {
        aborted = true;
        for (const engine of started) engine.abort();
      },
      close: async () => void (await Promise.allSettled(started.map((engine) => engine.close()))),
    };
  };
}
