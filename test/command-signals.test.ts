import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadResult } from '../src/results/load.js';
import { runWith } from './fixtures/results.js';
import { interrupt } from './fixtures/interrupt.js';
import { PYTHON3, tempDir } from './helpers.js';

/** A progress line (GIL_BENCH_PROGRESS=lines): the run is measuring, its signal handlers are in place. */
const MEASURING = /^\d+\/\d+ \S+ · /m;

describe('Ctrl-C during every measuring command: exit 130, a partial result that parses, nothing left running', () => {
  let dir: { path: string; remove(): Promise<void> };
  let results: string;
  beforeEach(async () => {
    dir = await tempDir();
    results = join(dir.path, 'bench-results');
  });
  afterEach(async () => {
    await dir.remove();
  });

  /** The one result file a stopped command saved, read back through the loader that checks its schema. */
  async function partialResult(suite: string) {
    const files = (await readdir(results)).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`-${suite}-partial\\.json$`));
    return loadResult(join(results, files[0] as string));
  }

  it('compare NAME, measuring in a child process (--isolate in the baseline)', async () => {
    const base = runWith(1, 0.5);
    // compare NAME runs the baseline's configuration again: a long one, so Ctrl-C lands mid-run.
    const config = {
      ...base.config,
      strategies: ['sequential', 'workers'] as const,
      size: 's' as const,
      tasks: 2,
      iterations: 500,
      maxIterations: 500,
      warmup: 0,
      warmupMs: 0,
      probe: false,
      isolate: true,
    };
    await mkdir(join(results, 'baselines'), { recursive: true });
    await writeFile(
      join(results, 'baselines', 'long.json'),
      JSON.stringify({ ...base, config: { ...config, strategies: [...config.strategies] } }),
    );
    const ended = await interrupt(['compare', 'long', '--results-dir', results], [[MEASURING, 'SIGINT']]);
    expect(ended.sent, ended.stderr).toBe(1);
    expect(ended.code, ended.stderr).toBe(130);
    const result = await partialResult('cpu');
    expect(result.partial).toBe(true);
    expect(result.config.isolate).toBe(true);
    expect(result.cells.length).toBeGreaterThan(0);
    expect(ended.leftovers()).toEqual([]);
  }, 60_000);

  it('check, measuring', async () => {
    const ended = await interrupt(['check', '--isolate', '--results-dir', results], [[MEASURING, 'SIGINT']]);
    expect(ended.sent, ended.stderr).toBe(1);
    expect(ended.code, ended.stderr).toBe(130);
    expect((await partialResult('all')).partial).toBe(true);
    expect(ended.leftovers()).toEqual([]);
  }, 60_000);

  it.skipIf(!PYTHON3)(
    'calibrate, while CPython measures: what was measured is kept (skipped without python3 ≥ 3.9)',
    async () => {
      const ended = await interrupt(
        ['calibrate', '--quick', '--threads', '2', '--results-dir', results],
        // The second batch of CPython's process pool: its warm-up pass is done, a timed round under way.
        [[/(primes \(CPython [\d.]+\) · workers[\s\S]*){2}/, 'SIGINT']],
      );
      expect(ended.sent, ended.stderr).toBe(1);
      expect(ended.code, ended.stderr).toBe(130);
      const result = await partialResult('calibrate');
      expect(result.partial).toBe(true);
      // The simulated primes took its first round before its CPython twin's (they take turns): every
      // cell is there, measured.
      const simulated = result.cells.filter((c) => c.workload === 'primes' && !c.runtime);
      expect(simulated).toHaveLength(5);
      for (const cell of simulated) expect(cell.samples.length).toBeGreaterThan(0);
      // CPython's cells measured before the stop are kept too.
      expect(result.cells.filter((c) => c.runtime && c.samples.length > 0).length).toBeGreaterThan(0);
      expect(result.calibration?.python.implementation).toBe('cpython');
      // The interpreter and the process pool it started are gone with it.
      expect(ended.leftovers()).toEqual([]);
    },
    180_000,
  );
});
