import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runSuite } from '../src/run/run-suite.js';
import type { CellResult, SuiteResult } from '../src/results/types.js';
import { eventually, fixture, osThreadCount, runBin, tinyConfig, ownTmpdir, removeOwnTmpdir } from './helpers.js';

const gilBench = (args: string[]) => runBin(args);

const TINY = [
  '--size',
  'xs',
  '--tasks',
  '3',
  '--iterations',
  '1',
  '--warmup',
  '0',
  '--warmup-time',
  '0',
  '--threads',
  '2',
  '--no-probe',
  '--no-save',
  '--json',
];
const states = (result: SuiteResult, workload: string): Record<string, string> =>
  Object.fromEntries(result.cells.filter((c) => c.workload === workload).map((c: CellResult) => [c.strategy, c.state]));
// A TMPDIR of this file's own: no other test file's temp folders appear in it.
const OWN_TMP = ownTmpdir();
afterAll(() => removeOwnTmpdir(OWN_TMP));
const ourTemp = (): string[] => readdirSync(OWN_TMP).filter((name) => name.startsWith('gil-bench-files-'));

describe('faults during a run end it cleanly', () => {
  // Pooled strategies report the thread's death; the main-thread fixtures throw instead of dying.
  it.each([
    [
      'crashing-workload.js',
      'crashing',
      /^task 1: WorkerCrashError: (pool|worker) thread (\d )?died while running a task: .*code:? 3$/,
      /^task 1: would crash the thread$/,
    ],
    [
      'oom-workload.js',
      'oom',
      /^task 1: WorkerCrashError: (pool|worker) thread (\d )?died while running a task: .*memory/i,
      /^task 1: would run out of memory$/,
    ],
    [
      'uncaught-workload.js',
      'uncaught',
      /^task 1: (WorkerCrashError: pool thread \d died while running a task: )?uncaught in a timer$/,
      /^task 1: uncaught in a timer$/,
    ],
    [
      'hanging-workload.js',
      'hanging',
      /^task 1: TaskTimeoutError: task ran longer than 800 ms/,
      /^task 1: TaskTimeoutError: task ran longer than 800 ms and was stopped$/,
    ],
  ])(
    '%s: its cells are errored, the other workloads complete, exit 1, nothing left behind',
    async (file, name, pooled, mainThread) => {
      const tempBefore = ourTemp();
      const ran = await gilBench([
        'run',
        '--workload',
        fixture(file),
        '--workloads',
        'primes,files',
        '--task-timeout',
        '800',
        '--worker-memory',
        '64',
        ...TINY,
      ]);
      expect(ran.code).toBe(1);
      const result = JSON.parse(ran.stdout) as SuiteResult;
      expect(states(result, 'primes')).toEqual({
        sequential: 'completed',
        'gil-threads': 'completed',
        async: 'completed',
        workers: 'completed',
        'async-offload': 'completed',
      });
      expect(states(result, 'files')).toEqual({
        sequential: 'completed',
        'gil-threads': 'completed',
        async: 'completed',
        workers: 'completed',
        'async-offload': 'completed',
      });
      const faulty = result.cells.filter((c) => c.workload === name);
      expect(faulty.map((c) => c.state)).toEqual(['errored', 'errored', 'errored', 'errored', 'errored']);
      for (const cell of faulty)
        expect(cell.error).toMatch(cell.strategy === 'sequential' || cell.strategy === 'async' ? mainThread : pooled);
      expect(ran.stderr).toMatch(new RegExp(`error: FAILED: ${name} / gil-threads ×2`));
      expect(ourTemp()).toEqual(tempBefore);
    },
    60_000,
  );

  it('a stress run of 50 tiny matrices with random faults never hangs and leaves no thread behind', async () => {
    const threadsBefore = osThreadCount();
    const seen = new Set<string>();
    for (let seed = 1; seed <= 50; seed++) {
      const result = await runSuite(
        tinyConfig({
          suite: 'run',
          workloads: [{ name: 'faulty', file: fixture('faulty-workload.js') }],
          tasks: 3,
          iterations: 1,
          seed,
          taskTimeoutMs: 300,
          switchIntervalMs: 1,
        }),
      );
      expect(result.cells).toHaveLength(5);
      for (const cell of result.cells) {
        expect(['completed', 'errored']).toContain(cell.state);
        seen.add(cell.state === 'completed' ? 'completed' : (cell.error ?? '').replace(/\d+/g, 'N').slice(0, 40));
      }
    }
    // Faults of several kinds were met, and fault-free cells completed.
    expect(seen.has('completed')).toBe(true);
    expect(seen.size).toBeGreaterThanOrEqual(4);
    expect(await eventually(() => osThreadCount() <= threadsBefore, 5000)).toBe(true);
  }, 180_000);
});
