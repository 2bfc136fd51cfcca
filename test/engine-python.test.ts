import { execFileSync } from 'node:child_process';
import { copyFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { SuiteResult } from '../src/results/types.js';
import { runSuite } from '../src/run/run-suite.js';
import { interrupt } from './fixtures/interrupt.js';
import { fixture, PYTHON3, ROOT, runBin, tempDir, tinyConfig } from './helpers.js';

/** An interpreter by name, if this machine has it on PATH. */
function found(command: string): string | undefined {
  try {
    execFileSync(command, ['-c', 'pass'], { stdio: 'ignore' });
    return command;
  } catch {
    return undefined;
  }
}
/** An old CPython through pyenv, where it is installed. */
const PYTHON_27 = found(`${process.env['HOME'] ?? '/root'}/.pyenv/versions/2.7.18/bin/python2.7`);

const python = (name: string): string => fixture(`python/${name}`);
const example = (name: string): string => `${ROOT}workloads/examples/${name}`;

function runPython(file: string, overrides: Parameters<typeof tinyConfig>[0] = {}): Promise<SuiteResult> {
  return runSuite(
    tinyConfig({ suite: 'run', workloads: [{ name: file, file }], tasks: 4, python: 'python3', ...overrides }),
  );
}

describe.skipIf(!PYTHON3)('a Python workload under CPython (skipped: no python3 ≥ 3.9 on PATH)', () => {
  it('runs every strategy, each with the checksums of the for loop, and names the interpreter', async () => {
    const result = await runPython(example('count_primes.py'));
    expect(result.cells.map((c) => `${c.strategy}:${c.state}`)).toEqual([
      'sequential:completed',
      'gil-threads:completed',
      'async:completed',
      'workers:completed',
      'async-offload:completed',
    ]);
    for (const cell of result.cells) {
      expect(cell.samples).toHaveLength(2);
      expect(cell.runtime).toMatchObject({ name: 'CPython', gil: true, runAsync: false });
      expect(cell.runtime?.version).toMatch(/^3\.\d+\.\d+$/);
      expect(cell.host?.cpuMsPerBatch).toBeGreaterThan(0);
    }
    // Each cell says in Python's words how it ran.
    expect(result.cells.map((c) => c.runtime?.strategy)).toEqual([
      'for loop',
      'threading',
      'asyncio',
      'process pool',
      'to_thread',
    ]);
    const workers = result.cells.find((c) => c.strategy === 'workers');
    expect(workers?.runtime?.startMethod).toMatch(/^(fork|spawn|forkserver)$/);
    expect(workers?.runtime?.transferMs).toBeGreaterThan(0);
    expect(workers?.startupMs).toBeGreaterThan(0);
    // The event loop's lag is measured where there is an event loop, and only there.
    const lagged = result.cells.filter((c) => c.host?.loopLagP99 !== undefined).map((c) => c.strategy);
    expect(lagged).toEqual(['async', 'async-offload']);
  }, 60_000);

  it('names no variable for a GIL a build always has, though the environment sets one', async () => {
    const saved = { PYTHONGIL: process.env['PYTHONGIL'], PYTHON_GIL: process.env['PYTHON_GIL'] };
    process.env['PYTHONGIL'] = '1';
    process.env['PYTHON_GIL'] = '1';
    try {
      const result = await runPython(example('count_primes.py'), { strategies: ['sequential'] });
      const runtime = result.cells[0]?.runtime;
      expect(runtime?.gil).toBe(true);
      // A 3.11 reads neither variable: its GIL is not "forced" by them. A 3.13+ reads PYTHON_GIL.
      if (runtime?.gilReadBy === 'sys._is_gil_enabled()') expect(runtime.gilForcedBy).toBe('PYTHON_GIL=1');
      else expect(runtime?.gilForcedBy).toBeUndefined();
    } finally {
      for (const [name, value] of Object.entries(saved))
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
    }
  }, 60_000);

  it("times CPython's cyclic collector in every cell, a process pool's workers included", async () => {
    const result = await runPython(python('cycles.py'), { strategies: ['sequential', 'gil-threads', 'workers'] });
    for (const cell of result.cells) expect(cell.host?.gcMsPerBatch, cell.strategy).toBeGreaterThan(0);
    // A module that makes no cycles leaves the collector idle: the figure is the collector's, not a constant.
    const quiet = await runPython(example('count_primes.py'), { strategies: ['sequential', 'workers'] });
    for (const cell of quiet.cells) expect(cell.host?.gcMsPerBatch, cell.strategy).toBe(0);
  }, 60_000);

  it('marks a thread-unsafe workload MISMATCH under threads, and nowhere else', async () => {
    const result = await runPython(python('thread_unsafe.py'));
    const states = Object.fromEntries(result.cells.map((c) => [c.strategy, c.state]));
    expect(states).toEqual({
      sequential: 'completed',
      'gil-threads': 'mismatch',
      async: 'completed',
      workers: 'completed',
      'async-offload': 'mismatch',
    });
    const mismatched = result.cells.find((c) => c.strategy === 'gil-threads')?.mismatches ?? [];
    expect(mismatched.length).toBeGreaterThan(0);
    // Each task is named once, however many batches it went wrong in.
    expect(new Set(mismatched.map((m) => m.task)).size).toBe(mismatched.length);
  }, 60_000);

  it('measures waits: asyncio overlaps them only with run_async, threads always', async () => {
    const result = await runPython(example('naps.py'), { size: 's', tasks: 6 });
    const sequential = result.cells.find((c) => c.strategy === 'sequential');
    // Each task's time off the CPU: almost all of a sleeping task's.
    expect((sequential?.io?.totalMs ?? 0) / (sequential?.samples.reduce((s, x) => s + x, 0) ?? 1)).toBeGreaterThan(0.8);
    expect(result.cells.every((c) => c.runtime?.runAsync === true)).toBe(true);
  }, 60_000);

  it('keeps a workload’s print() out of the JSON on stdout', async () => {
    const ran = await runBin(['run', '--workload', python('chatty.py'), '--quick', '--json', '--no-save']);
    expect(ran.code, ran.stderr).toBe(0);
    const result = JSON.parse(ran.stdout) as SuiteResult;
    expect(result.cells.every((c) => c.state === 'completed')).toBe(true);
    expect(ran.stderr).toContain('task ');
  }, 60_000);

  it('fails the cells of a raising task, naming the error, and exits 1', async () => {
    const ran = await runBin(['run', '--workload', python('raises.py'), '--quick', '--no-save']);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/FAILED: raises \(CPython 3\.\d+\) \/ for loop: ValueError: task 1 is broken/);
  }, 60_000);

  it.each([
    ['syntax_error.py', /^error: \S+syntax_error\.py:5:\d+: cannot import it: expected ':'$/m],
    ['no_run.py', /^error: \S+no_run\.py:1: has no function "run"/m],
    ['unpicklable.py', /^error: \S+unpicklable\.py:7: input 0 cannot be pickled \(TypeError: /m],
    [
      'short_inputs.py',
      /^error: \S+short_inputs\.py:6: inputs\(\) returned 1 input for 2 tasks; return one input per task$/m,
    ],
    [
      'float_result.py',
      /^error: \S+float_result\.py:9: run\(\) returned float for task 0; return an int, str or bytes$/m,
    ],
  ])(
    '%s: one line, file:line, exit 2',
    async (file, message) => {
      const ran = await runBin(['run', '--workload', python(file), '--quick', '--no-save']);
      expect(ran.code, ran.stderr).toBe(2);
      expect(ran.stderr).toMatch(message);
      expect(ran.stderr.trim().split('\n')).toHaveLength(1);
    },
    60_000,
  );

  it('refuses an interpreter that is not CPython, naming it', async () => {
    const ran = await runBin([
      'run',
      '--workload',
      example('naps.py'),
      '--python',
      python('fake_pypy.sh'),
      '--quick',
      '--no-save',
    ]);
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim()).toMatch(/^error: --python: "\S+fake_pypy\.sh" is PyPy 3\.10\.14, not CPython/);
  });

  it.each<[string, string, RegExp]>([
    // A folder (a virtual environment): the interpreter inside it is what to give.
    [
      'a folder',
      'python',
      /^error: --python: "\S+\/python" is a folder; give the interpreter itself, e\.g\. --python \S+\/python\/bin\/python3$/,
    ],
    [
      'a file that cannot run',
      'short_inputs.py',
      /^error: --python: "\S+short_inputs\.py" is not executable; give a Python interpreter, e\.g\. --python python3/,
    ],
    [
      'a program that is not Python',
      'not_python.sh',
      /^error: --python: "\S+not_python\.sh" is not a Python interpreter \(it said: .*\); give one, e\.g\. --python python3$/,
    ],
  ])('refuses --python given %s, saying what to give', async (_what, given, message) => {
    const ran = await runBin([
      'run',
      '--workload',
      example('naps.py'),
      '--python',
      fixture(given === 'python' ? 'python' : `python/${given}`),
      '--quick',
      '--no-save',
    ]);
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim()).toMatch(message);
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.skipIf(!PYTHON_27)('refuses a CPython older than 3.9 (skipped where pyenv has no 2.7.18)', async () => {
    const ran = await runBin(['run', '--workload', example('naps.py'), '--python', PYTHON_27 ?? '', '--no-save']);
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim()).toMatch(/is CPython 2\.7\.18; Python workloads need ≥ 3\.9$/);
  });

  it('--async-limit caps how many tasks asyncio runs at once', async () => {
    const ran = await runBin([
      'run',
      '--workload',
      example('naps.py'),
      '--strategies',
      'async',
      '--async-limit',
      '2',
      '--tasks',
      '8',
      '--iterations',
      '2',
      '--time',
      '0',
      '--json',
      '--no-save',
    ]);
    expect(ran.code, ran.stderr).toBe(0);
    const cell = (JSON.parse(ran.stdout) as SuiteResult).cells.find((c) => c.strategy === 'async');
    expect(cell?.verdict?.facts.concurrency).toBe(2);
    // Measured: the waits in flight stay near two, where eight would overlap uncapped.
    expect(cell?.verdict?.facts.activeTasks).toBeLessThan(2.6);
  }, 60_000);

  it('--twin runs the simulation of the same work in the same job, in one table', async () => {
    const ran = await runBin([
      'run',
      '--workload',
      example('count_primes.py'),
      '--twin',
      example('count_primes.js'),
      '--tasks',
      '4',
      '--iterations',
      '2',
      '--time',
      '0',
      '--json',
      '--no-save',
    ]);
    expect(ran.code, ran.stderr).toBe(0);
    const result = JSON.parse(ran.stdout) as SuiteResult;
    const rows = new Set(result.cells.map((c) => `${c.workload}:${c.runtime?.name ?? 'simulated'}`));
    expect([...rows]).toEqual(['count-primes:CPython', 'count-primes:simulated']);
    const titles = result.summary?.rows.map((r) => r.title) ?? [];
    expect(titles).toHaveLength(2);
    expect(titles[0]).toMatch(/^count-primes \(CPython 3\.\d+\)$/);
    expect(titles[1]).toBe('count-primes');
  }, 60_000);

  it('--against judges two versions of a Python module in process pairs, as for JavaScript', async () => {
    const dir = await tempDir();
    try {
      const base = `${dir.path}/count_primes_base.py`;
      await copyFile(example('count_primes.py'), base);
      const ran = await runBin([
        'run',
        '--workload',
        example('count_primes.py'),
        '--against',
        base,
        '--pairs',
        '2',
        '--strategies',
        'sequential,workers',
        '--threads',
        '2',
        '--json',
        '--no-save',
      ]);
      // Unchanged code: never a regression (exit 1); with two pairs the gate may not decide (3).
      expect([0, 3], ran.stderr).toContain(ran.code);
      const result = JSON.parse(ran.stdout) as SuiteResult;
      expect(result.comparison?.design?.units).toBeGreaterThanOrEqual(2);
      expect(result.comparison?.decision.exitCode).not.toBe(1);
      expect(result.cells.every((c) => c.runtime?.name === 'CPython')).toBe(true);
    } finally {
      await dir.remove();
    }
  }, 120_000);

  it('--twin without a Python workload, or with one, is a usage error', async () => {
    const alone = await runBin(['run', '--workload', example('word-count.js'), '--twin', example('count_primes.js')]);
    expect(alone.code).toBe(2);
    expect(alone.stderr.trim()).toBe(
      'error: --twin needs a Python workload to stand beside: --workload FILE.py --twin FILE.js',
    );
    const python = await runBin(['run', '--workload', example('naps.py'), '--twin', example('naps.py')]);
    expect(python.code).toBe(2);
    expect(python.stderr.trim()).toMatch(/^error: --twin is the simulation's side, a JavaScript module/);
  });

  it('--python without a Python workload is a usage error', async () => {
    const ran = await runBin(['run', '--workloads', 'primes', '--python', 'python3', '--no-save']);
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim()).toBe('error: --python needs a Python workload: --workload FILE.py');
  });

  it('ends a hung task’s interpreter with its whole pool, and says which cell hung', async () => {
    const ended = await interrupt(
      ['run', '--workload', python('hangs.py'), '--quick', '--no-save', '--task-timeout', '1000'],
      [],
    );
    expect(ended.code, ended.stderr).toBe(1);
    expect(ended.stderr).toMatch(/threading ×2 ran past 2 s for 2 tasks \(--task-timeout 1 s each\)/);
    expect(ended.leftovers()).toEqual([]);
  }, 60_000);

  it('Ctrl-C mid-run exits 130 and leaves no interpreter behind', async () => {
    const ended = await interrupt(
      ['run', '--workload', example('naps.py'), '--size', 'm', '--no-save'],
      [[/^\d+\/\d+ naps \(CPython [\d.]+\) · workers/m, 'SIGINT']],
    );
    expect(ended.sent, ended.stderr).toBe(1);
    expect(ended.code, ended.stderr).toBe(130);
    expect(ended.leftovers()).toEqual([]);
  }, 60_000);
});
