/**
 * One engine over several runtimes: Python workload modules go to a Python engine for the
 * interpreter the opening configuration names (one per interpreter of --python LIST), every other
 * workload to the Node engine. Each is started once, when first needed; the Python ones at once,
 * so that a missing or unsuitable interpreter is a usage error before anything is measured.
 */
import type { Engine, EngineFactory } from './engine.js';
import { isPythonWorkload } from './python-engine.js';

export function routedEngine(
  node: EngineFactory,
  python: (command: string) => EngineFactory,
  interpreters: readonly string[],
): EngineFactory {
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
    const pythonEngines = new Map(interpreters.map((command) => [command, starting(python(command))]));
    const pythonEngine = (command: string | undefined): Promise<Engine> => {
      const engine = pythonEngines.get(command ?? interpreters[0] ?? '');
      if (!engine) throw new Error(`no Python engine for "${command ?? ''}"`);
      return engine();
    };
    const checked = await Promise.allSettled([...pythonEngines.values()].map((start) => start()));
    const refused = checked.find((got): got is PromiseRejectedResult => got.status === 'rejected');
    if (refused) {
      // One interpreter refused: the ones already started must not keep this process alive.
      await Promise.allSettled(started.map((engine) => engine.close()));
      throw refused.reason;
    }
    return {
      probe: async () => (await nodeEngine()).probe(),
      open: async (config, spec, options) =>
        (await (isPythonWorkload(spec) ? pythonEngine(config.python) : nodeEngine())).open(config, spec, options),
      abort: () => {
        aborted = true;
        for (const engine of started) engine.abort();
      },
      close: async () => void (await Promise.allSettled(started.map((engine) => engine.close()))),
    };
  };
}
