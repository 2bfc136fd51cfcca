import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SuiteResult } from '../src/results/types.js';
import { analyse } from '../src/analysis/analyse.js';
import { runSuite } from '../src/run/run-suite.js';
import { PYTHON3, ROOT, runBin, tinyConfig } from './helpers.js';

/** An interpreter that runs, by path or name, if this machine has it. */
function runs(command: string): string | undefined {
  try {
    execFileSync(command, ['-c', 'pass'], { stdio: 'ignore' });
    return command;
  } catch {
    return undefined;
  }
}

/**
 * A free-threaded CPython: the shared nogil build beside the project (its bin/python3 may be a
 * copied link, so python3.9 is tried too), else a 3.13t or 3.14t on PATH.
 */
const SHARED = join(ROOT, '..', 'shared', 'python-nogil', 'bin');
const NOGIL = [join(SHARED, 'python3'), join(SHARED, 'python3.9'), 'python3.14t', 'python3.13t']
  .filter((command) => !command.includes('/') || existsSync(command))
  .map(runs)
  .find((command) => command !== undefined);
const WHY = 'skipped: no free-threaded CPython (../shared/python-nogil, python3.13t or python3.14t) here';

const example = (name: string): string => join(ROOT, 'workloads', 'examples', name);

function run(python: string, strategies: SuiteResult['config']['strategies'] = ['sequential', 'gil-threads']) {
  const file = example('count_primes.py');
  return runSuite(tinyConfig({ suite: 'run', workloads: [{ name: file, file }], tasks: 4, python, strategies }));
}

/** count_primes.py under python3 and the free-threaded build in one run, at 2 threads, as JSON. */
async function beside(args: string[]): Promise<SuiteResult> {
  const ran = await runBin([
    'run',
    '--workload',
    example('count_primes.py'),
    '--python',
    `python3,${NOGIL as string}`,
    '--threads',
    '2',
    '--iterations',
    '3',
    '--json',
    '--no-save',
    ...args,
  ]);
  expect(ran.code, ran.stderr).toBe(0);
  return JSON.parse(ran.stdout) as SuiteResult;
}

describe.skipIf(!NOGIL)(`a free-threaded CPython (${WHY})`, () => {
  const saved = { PYTHONGIL: process.env['PYTHONGIL'], PYTHON_GIL: process.env['PYTHON_GIL'] };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  });

  it('reports its GIL off, read after the import, and says how it was read', async () => {
    const result = await run(NOGIL as string);
    for (const cell of result.cells) {
      expect(cell.runtime?.gil).toBe(false);
      expect(cell.runtime?.gilReadBy).toMatch(/^sys\.(flags\.nogil|_is_gil_enabled\(\))$/);
      expect(cell.runtime?.gilForcedBy).toBeUndefined();
      expect(cell.runtime?.command).toBe(NOGIL);
    }
  }, 60_000);

  it('with the GIL forced back on by the environment, reports it on and names the variable', async () => {
    process.env['PYTHONGIL'] = '1';
    process.env['PYTHON_GIL'] = '1';
    const result = await run(NOGIL as string);
    for (const cell of result.cells) {
      expect(cell.runtime?.gil).toBe(true);
      expect(cell.runtime?.gilForcedBy).toMatch(/^PYTHON_?GIL=1$/);
    }
  }, 60_000);

  it('threads contending on one shared object stop scaling, and the sweep says they waited or got in each other’s way', async () => {
    const file = join(ROOT, 'test', 'fixtures', 'python', 'shared_list.py');
    const result = analyse(
      await runSuite(
        tinyConfig({
          suite: 'run',
          workloads: [{ name: file, file }],
          python: NOGIL as string,
          strategies: ['sequential', 'gil-threads'],
          threads: [1, 2],
          tasks: 4,
          size: 's',
          iterations: 5,
        }),
      ),
    );
    expect(result.cells.every((c) => c.state === 'completed' && c.runtime?.gil === false)).toBe(true);
    const [short] = result.sweeps?.[0]?.shortOfIdeal ?? [];
    expect(short, JSON.stringify(result.sweeps)).toMatch(
      /^threading stops scaling at 2 threads: [\d.]+× against an ideal of 2\.00×: (.* cores busy: the threads waited \(for a lock in the code or I\/O\)|.* cores busy, yet no faster: the threads got in each other's way)/,
    );
  }, 120_000);

  it.skipIf(!PYTHON3)(
    '--python LIST: both interpreters in one run and one table, each against its own for loop',
    async () => {
      const result = await beside(['--strategies', 'sequential,gil-threads,workers']);
      expect(result.config.pythons).toEqual(['python3', NOGIL]);
      const byVariant = new Map<string, boolean | null | undefined>();
      for (const cell of result.cells) byVariant.set(cell.variant ?? '', cell.runtime?.gil);
      expect([...byVariant.values()]).toEqual([true, false]);
      expect(result.summary?.rows.map((r) => r.title)).toHaveLength(2);
      expect(result.summary?.sentences.some((s) => s.startsWith('Across interpreters (count-primes): '))).toBe(true);
    },
    120_000,
  );

  it.skipIf(!PYTHON3)(
    '--twin beside a free-threaded interpreter: the simulation under --gil none as well, in the same table',
    async () => {
      const result = await beside([
        '--twin',
        example('count_primes.js'),
        '--strategies',
        'sequential,gil-threads',
        '--tasks',
        '4',
      ]);
      expect(result.config.twinGils).toEqual(['cpython', 'none']);
      const simulated = result.cells.filter((c) => !c.runtime);
      expect(simulated.map((c) => [c.gil, c.strategy])).toEqual([
        ['cpython', 'sequential'],
        ['cpython', 'gil-threads'],
        ['none', 'sequential'],
        ['none', 'gil-threads'],
      ]);
      // Only the simulated GIL has a lock to measure; each variant against its own sequential.
      const threads = (gil: string) => simulated.find((c) => c.gil === gil && c.strategy === 'gil-threads');
      expect(threads('cpython')?.lock).toBeDefined();
      expect(threads('none')?.lock).toBeUndefined();
      expect(result.summary?.rows.map((r) => r.title)).toEqual(
        expect.arrayContaining(['count-primes (simulated GIL cpython)', 'count-primes (simulated, no GIL)']),
      );
    },
    120_000,
  );
});
