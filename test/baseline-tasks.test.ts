import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SuiteResult } from '../src/results/types.js';
import { ROOT, runBin, tempDir } from './helpers.js';

const WORD_COUNT = join(ROOT, 'workloads', 'examples', 'word-count.js');

describe('a saved baseline', () => {
  it('runs the same work in every later save and gated run: the task count its first save chose', async () => {
    const dir = await tempDir();
    try {
      const run = (...args: string[]) =>
        runBin(['run', '--workload', WORD_COUNT, '--strategies', 'sequential,async', '--iterations', '2', ...args], {
          cwd: dir.path,
        });
      expect((await run('--save-baseline', 'b')).code).toBe(0);
      expect((await run('--save-baseline', 'b')).code).toBe(0);
      const history = join(dir.path, 'bench-results', 'baselines', 'b.history');
      const saves = await Promise.all(
        (await readdir(history))
          .sort()
          .map(async (f) => JSON.parse(await readFile(join(history, f), 'utf8')) as SuiteResult),
      );
      const [first, second] = saves;
      const sized = first?.sizing?.[0]?.tasks;
      expect(sized).toBeGreaterThan(0);
      // The second save was given the first's count, not sized again.
      expect(second?.config.workloads[0]?.tasks).toBe(sized);
      expect(second?.sizing ?? []).toEqual([]);
      expect(second?.cells.every((c) => c.tasks === sized)).toBe(true);
      // A run judged against the baseline runs it too.
      const gated = await run('--baseline', 'b', '--json', '--no-save');
      const result = JSON.parse(gated.stdout) as SuiteResult;
      expect(result.cells.every((c) => c.tasks === sized)).toBe(true);
    } finally {
      await dir.remove();
    }
  }, 60_000);
});
