import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childEngine } from '../src/engine/child.js';
import type { EngineFactory } from '../src/engine/engine.js';
import type { OpenOptions } from '../src/engine/protocol.js';
import { inlineEngine } from '../src/engine/inline.js';
import { loadResult } from '../src/results/load.js';
import { fixture, tempDir, tinyConfig } from './helpers.js';
import { interrupt } from './fixtures/interrupt.js';

/** Every timed batch of every cell, once, through the engine's own interface; what it reports. */
async function measureOnce(factory: EngineFactory, options?: OpenOptions) {
  const config = tinyConfig({ workloads: [{ name: 'json' }], tasks: 4 });
  const engine = await factory(() => undefined);
  try {
    const handle = await engine.open(config, { name: 'json' }, options);
    await handle.warmUp(handle.cells.map((c) => `${c.workload}/${c.strategy}/${c.threads}t`));
    const ids = handle.cells.map((c) => `${c.workload}/${c.strategy}/${c.threads}t`);
    const round = await handle.round({ cells: ids, iterations: 1, extra: false });
    const finished = await handle.finish();
    await handle.close();
    return { ids, round, finished };
  } finally {
    await engine.close();
  }
}

describe('the Node engine in a child process', () => {
  it("answers the same messages as in this process: the same cells, states and tasks' checksums", async () => {
    const inline = await measureOnce(inlineEngine);
    const child = await measureOnce(childEngine);
    expect(child.ids).toEqual(inline.ids);
    expect(child.finished.checksums).toHaveLength(4);
    expect(child.finished.checksums.every((sum) => typeof sum === 'number')).toBe(true);
    expect(child.finished.checksums).toEqual(inline.finished.checksums);
    const shape = (m: typeof inline) => m.finished.cells.map((c) => [c.strategy, c.threads, c.state, c.samples.length]);
    expect(shape(child)).toEqual(shape(inline));
    expect(child.round.cells.map((c) => c.state)).toEqual(inline.round.cells.map((c) => c.state));
    expect(child.round.yardstick.samples).toHaveLength(1);
  }, 60_000);

  it('times no yardstick in its rounds when the opening says so, as an A/B pair asks', async () => {
    const child = await measureOnce(childEngine, { yardstick: false });
    expect(child.round.yardstick.samples).toEqual([]);
    expect(child.round.cells.every((c) => c.samples.length === 1)).toBe(true);
  }, 60_000);

  it('a crashed engine process: its workload is errored with the reason, the next one measured, the result kept, nothing left', async () => {
    const dir = await tempDir();
    try {
      const ended = await interrupt(
        [
          'run',
          '--workload',
          fixture('process-killing-workload.js'),
          '--workloads',
          'primes',
          '--isolate',
          '--size',
          'xs',
          '--iterations',
          '2',
          '--no-probe',
          '--results-dir',
          dir.path,
        ],
        [],
      );
      expect(ended.code, ended.stderr).toBe(1);
      expect(ended.stderr).toMatch(
        /FAILED: process-killer \/ sequential: EngineCrashError: the engine's process ended by SIGKILL/,
      );
      const [file] = await readdir(dir.path);
      const result = await loadResult(join(dir.path, file as string));
      expect(result.cells.filter((c) => c.workload === 'process-killer').every((c) => c.state === 'errored')).toBe(
        true,
      );
      expect(result.cells.filter((c) => c.workload === 'primes').map((c) => c.state)).toEqual(
        Array(5).fill('completed'),
      );
      expect(ended.leftovers()).toEqual([]);
    } finally {
      await dir.remove();
    }
  }, 60_000);
});
