import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SuiteResult } from '../src/results/types.js';
import { ROOT, runBin, tempDir } from './helpers.js';

const WORD_COUNT = join(ROOT, 'workloads', 'examples', 'word-count.js');

describe('run --against: two versions side by side', () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it.each([
    [['--pairs', '4'], /^error: --pairs needs --against FILE$/m],
    [['--against', 'nowhere.js'], /^error: --against: no such file: nowhere\.js$/m],
    [['--against', WORD_COUNT, '--workloads', 'primes'], /drop --workloads$/m],
    [['--against', WORD_COUNT, '--baseline', 'main'], /drop --baseline$/m],
    [['--against', WORD_COUNT, '--pairs', '1'], /^error: --pairs must be a whole number from 2 to 100 \(got "1"\)$/m],
    [['--against', WORD_COUNT, '--alternate', 'turns'], /^error: --alternate must be one of rounds, processes/m],
  ])('refuses %j with one line and exit 2', async (args, message) => {
    const ran = await runBin(['run', '--workload', WORD_COUNT, ...args], { cwd: dir.path });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(message);
    expect(ran.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses two versions under several interpreters, in one line', async () => {
    const primes = join(ROOT, 'workloads', 'examples', 'count_primes.py');
    const ran = await runBin(['run', '--workload', primes, '--against', primes, '--python', 'python3,python3.11'], {
      cwd: dir.path,
    });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe('error: --against compares two versions under one interpreter: give --python just one\n');
  });

  it('measures both versions in process pairs and writes the comparison, with what this runner can detect', async () => {
    const out = join(dir.path, 'ab.json');
    const ran = await runBin(
      [
        'run',
        '--workload',
        WORD_COUNT,
        '--against',
        WORD_COUNT,
        '--pairs',
        '2',
        '--gate-budget',
        '5',
        '--iterations',
        '2',
        '--tasks',
        '2',
        '--threads',
        '2',
        '--strategies',
        'workers',
        '--warmup',
        '0',
        '--warmup-time',
        '0',
        '--quiet',
        '--no-save',
        '--format',
        'json',
        '--output',
        out,
      ],
      { cwd: dir.path },
    );
    expect(ran.code).toBe(0);
    const result = JSON.parse(await readFile(out, 'utf8')) as SuiteResult;
    const design = result.comparison?.design;
    expect(design).toMatchObject({ kind: 'paired', alternation: 'rounds', budgetSeconds: 5 });
    // Two planned pairs, then further pairs (2, 4, 8 …) for metrics two pairs leave open, while the
    // budget lasts: no look starts after 5 s.
    const units = design?.units ?? 0;
    expect([2, 4, 8, 16, 32]).toContain(units);
    expect(design?.spentSeconds).toBeGreaterThan(0);
    // The head's cells hold every pair's batches: sequential two rounds in each.
    expect(result.cells.find((c) => c.strategy === 'sequential')?.samples).toHaveLength(2 * units);
    const metrics = result.comparison?.changes.flatMap((c) => c.metrics) ?? [];
    expect(metrics.map((m) => m.metric).sort()).toEqual(['speedup', 'time', 'time']);
    for (const m of metrics) {
      expect(m.units).toBeGreaterThanOrEqual(2);
      expect(m.units).toBeLessThanOrEqual(units);
      expect(m.detectable).toBeGreaterThan(0);
    }
    // The table goes to stdout (JSON went to the file), with the smallest detectable change.
    expect(ran.stdout.replace(/\s+/g, ' ')).toMatch(
      new RegExp(
        `${units} process pairs \\(\\d looks?[^)]*; \\d+ s, with 5 s allowed for further looks\\), each version`,
      ),
    );
    expect(ran.stdout).toMatch(/detects/);
  });
});
