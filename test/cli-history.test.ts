import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SuiteResult } from '../src/results/types.js';
import { runBin, tempDir } from './helpers.js';

const TINY = [
  'cpu',
  '--workloads',
  'primes',
  '--tasks',
  '2',
  '--iterations',
  '3',
  '--warmup',
  '0',
  '--warmup-time',
  '0',
  '--threads',
  '2',
  '--no-probe',
  '--time',
  '0',
  '--max-iterations',
  '3',
  '--strategies',
  'workers',
  '--quiet',
];

describe('--baseline NAME judged on its history of saves', () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  const gated = async (): Promise<SuiteResult> => {
    const out = join(dir.path, 'run.json');
    const ran = await runBin([...TINY, '--baseline', 'main', '--no-save', '--format', 'json', '--output', out], {
      cwd: dir.path,
    });
    const result = JSON.parse(await readFile(out, 'utf8')) as SuiteResult;
    // Without --fail-on-regression the comparison is reported, never the exit code.
    expect(ran.code).toBe(0);
    return result;
  };

  it('with one save, judges on the run’s own rounds and says the spread between runs was not measured; with three, on the saves', async () => {
    const save = () => runBin([...TINY, '--save-baseline', 'main', '--no-save'], { cwd: dir.path });
    expect((await save()).code).toBe(0);
    expect(await readdir(join(dir.path, 'bench-results', 'baselines', 'main.history'))).toHaveLength(1);
    const once = await gated();
    expect(once.comparison?.design).toBeUndefined();
    expect(once.comparison?.notes?.[0]).toMatch(
      /the spread between runs unmeasured \(1 save in the history\): only speedups/,
    );
    await save();
    await save();
    const thrice = await gated();
    expect(thrice.comparison?.design).toMatchObject({ kind: 'history', units: 3, correction: 'holm' });
    expect(thrice.comparison?.notes).toBeUndefined();
    for (const m of thrice.comparison?.changes.flatMap((c) => c.metrics) ?? []) expect(m.units).toBe(4);
  });
});
