import { describe, expect, it } from 'vitest';
import { decideColor, decideWidth, resolveConfig, type ProcessFacts, type RawOptions } from '../src/config/resolve.js';
import { UsageError } from '../src/errors.js';

const facts: ProcessFacts = { env: {}, stdoutIsTTY: true, cwd: '/tmp', availableParallelism: 2 };
const resolve = (raw: RawOptions, suite: 'cpu' | 'io' | 'all' | 'run' = 'cpu') => resolveConfig(suite, raw, facts);

describe('resolveConfig', () => {
  it('fills every default', () => {
    const { run, output } = resolve({});
    expect(run).toMatchObject({
      suite: 'cpu',
      threads: [2],
      // Sized by time: the floor of two tasks per thread, grown to fill a 50 ms batch.
      tasks: 4,
      batchMs: 50,
      size: 'xs',
      iterations: 5,
      // Seven workloads of 4.5 s each; further rounds until each settles, within that and 50 batches.
      timeMs: 31_500,
      maxIterations: 50,
      warmup: 1,
      gil: 'cpython',
      switchIntervalMs: 5,
      order: 'interleaved',
      estimator: 'min',
    });
    expect(run.workloads.map((w) => w.name)).toEqual([
      'primes',
      'fib',
      'sha256',
      'matmul',
      'json',
      'regex',
      'native-hash',
    ]);
    expect(run.strategies).toEqual(['sequential', 'gil-threads', 'async', 'workers', 'async-offload']);
    expect(output).toMatchObject({
      targets: [{ format: 'table' }],
      color: true,
      save: true,
      resultsDir: '/tmp/bench-results',
    });
  });

  it('uses at least 2 threads even on one core', () => {
    expect(resolveConfig('cpu', {}, { ...facts, availableParallelism: 1 }).run.threads).toEqual([2]);
  });

  it('--quick picks the smallest size, short batches and a budget of 400 ms per workload', () => {
    expect(resolve({ quick: true }).run).toMatchObject({
      tasks: 2,
      batchMs: 15,
      size: 'xs',
      iterations: 5,
      timeMs: 2800,
      warmup: 1,
      warmupMs: 0,
      probe: false,
      quick: true,
    });
  });

  it('--tasks fixes the count instead of sizing batches by time', () => {
    const { run } = resolve({ tasks: '6' });
    expect(run.tasks).toBe(6);
    expect(run.batchMs).toBeUndefined();
  });

  it('saves a baseline with twice the timed batches, unless --iterations says otherwise', () => {
    expect(resolve({ saveBaseline: 'main' }).run).toMatchObject({ iterations: 10, maxIterations: 50 });
    expect(resolve({ saveBaseline: 'main', time: '0' }).run).toMatchObject({ iterations: 10, maxIterations: 20 });
    expect(resolve({ saveBaseline: 'main', quick: true }).run.iterations).toBe(10);
    expect(resolve({ saveBaseline: 'main', iterations: '4' }).run.iterations).toBe(4);
  });

  it('takes a time budget and a switch to skip the capacity probe', () => {
    expect(resolve({ time: '2000', probe: false }).run).toMatchObject({ timeMs: 2000, probe: false });
    expect(resolve({ time: '0' }).run).toMatchObject({ timeMs: 0, maxIterations: 10, probe: true });
  });

  it('lets speedups compare medians instead of the fastest batches', () => {
    expect(resolve({ estimator: 'median' }).run.estimator).toBe('median');
  });

  it('parses lists and keeps sequential as the reference', () => {
    const { run } = resolve({ strategies: 'workers, gil-threads', threads: '1,2,4', workloads: 'fib' });
    expect(run.strategies).toEqual(['sequential', 'workers', 'gil-threads']);
    expect(run.threads).toEqual([1, 2, 4]);
    expect(run.workloads).toEqual([{ name: 'fib' }]);
  });

  it.each<[RawOptions, RegExp]>([
    [{ threads: '0' }, /^--threads must be a whole number from 1 to 64 \(got "0"\)$/],
    [{ threads: '-2' }, /^--threads must be a whole number from 1 to 64 \(got "-2"\)$/],
    [{ threads: '1.5' }, /^--threads must be a whole number/],
    [{ threads: '100000' }, /^--threads must be a whole number from 1 to 64/],
    [{ threads: '2,2' }, /^--threads lists a count twice/],
    [{ threads: ',' }, /^--threads needs a number/],
    [{ tasks: 'many' }, /^--tasks must be a whole number from 1 to 10000 \(got "many"\)$/],
    [{ tasks: '0' }, /^--tasks must be a whole number/],
    [{ iterations: '0' }, /^--iterations must be a whole number from 1/],
    [{ iterations: '5', maxIterations: '4' }, /^--max-iterations must be a whole number from 5 to 1000 \(got "4"\)$/],
    [{ time: 'long' }, /^--time must be a whole number from 0/],
    [{ warmup: '-1' }, /^--warmup must be a whole number from 0/],
    [{ switchInterval: '0' }, /^--switch-interval must be a number from 0.1 to 1000 \(got "0"\)$/],
    [{ switchInterval: 'fast' }, /^--switch-interval must be a number/],
    [{ taskTimeout: '-5' }, /^--task-timeout must be a whole number from 0/],
    [{ size: 'huge' }, /^--size must be one of xs, s, m, l \(got "huge"\)$/],
    [{ gil: 'cpyton' }, /^--gil must be one of cpython, legacy, none \(got "cpyton"\) \(did you mean "cpython"\?\)$/],
    [{ order: 'random' }, /^--order must be one of interleaved, sequential/],
    [{ estimator: 'mean' }, /^--estimator must be one of min, median \(got "mean"\)/],
    [{ strategies: 'workrs' }, /^--strategies: unknown strategy "workrs" \(did you mean "workers"\?\)/],
    [{ workloads: 'prime' }, /^--workloads: unknown workload "prime" \(did you mean "primes"\?\)/],
    [{ workloads: 'sleep' }, /^--workloads: "sleep" is a io workload; run it with "gil-bench io"$/],
  ])('rejects %o', (raw, message) => {
    const attempt = () => resolve(raw);
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(message);
  });

  it('pairs each --output with the --format before it, guesses from extensions, and sends one format to stdout', () => {
    const targets = [{ format: 'json', output: 'r.json' }, { output: 'summary.md' }, { format: 'csv' }];
    expect(resolve({ format: targets, output: targets }).output.targets).toEqual([
      { format: 'json', path: '/tmp/r.json' },
      { format: 'markdown', path: '/tmp/summary.md' },
      { format: 'csv' },
    ]);
    expect(resolve({ format: [{ format: 'html', output: '/x/r.html' }] }).output.targets).toEqual([
      { format: 'table' },
      { format: 'html', path: '/x/r.html' },
    ]);
    expect(resolve({ json: true }).output.targets).toEqual([{ format: 'json' }]);
  });

  it.each<[RawOptions, RegExp]>([
    [
      { format: [{ format: 'yaml' }] },
      /^--format must be one of table, json, markdown, csv, github, bencher, html, guide \(got "yaml"\)/,
    ],
    [{ format: [{ format: 'jsn' }] }, /\(did you mean "json"\?\)$/],
    [
      { format: [{ output: 'r.txt' }] },
      /^--output r\.txt: cannot tell the format from the file name; give --format before it$/,
    ],
    [{ format: [{ format: 'csv' }], json: true }, /^only one format can go to stdout \(got csv and json\)/],
  ])('rejects output targets %o', (raw, message) => {
    expect(() => resolve(raw)).toThrow(message);
  });

  it('traces only when --trace or --lanes asks, and reads which cell --lanes names', () => {
    expect(resolve({}).run.trace).toBeUndefined();
    expect(resolve({ trace: 'run.json' })).toMatchObject({
      run: { trace: true },
      output: { tracePath: '/tmp/run.json' },
    });
    expect(resolve({ lanes: true }).output.lanes).toEqual({});
    expect(resolve({ lanes: 'async-offload' }).output.lanes).toEqual({ strategy: 'async-offload' });
    expect(resolve({ lanes: 'primes/gil-threads/2t', threads: '2,4' })).toMatchObject({
      run: { trace: true },
      output: { lanes: { workload: 'primes', strategy: 'gil-threads', threads: 2 } },
    });
  });

  it.each<[RawOptions, RegExp]>([
    [{ trace: ' ' }, /^--trace needs a file name$/],
    [
      { trace: 't.json', strategies: 'workers' },
      /^--trace traces the lock and the event loop: add gil-threads, async-offload or async to --strategies$/,
    ],
    [
      { lanes: true, strategies: 'workers' },
      /^--lanes traces the lock and the event loop: add gil-threads, async-offload or async to --strategies$/,
    ],
    [
      { lanes: 'workers' },
      /^--lanes: only gil-threads, async-offload or async are traced: the lock's threads and the loop's tasks \(got "workers"\)$/,
    ],
    [{ lanes: 'async-offload', strategies: 'gil-threads' }, /^--lanes: async-offload is not among --strategies$/],
    [{ lanes: 'fib/gil-threads', workloads: 'primes' }, /^--lanes: no workload "fib" in this run \(primes\)$/],
    [{ lanes: 'gil-threads/4t' }, /^--lanes: 4 threads is not among --threads \(2\)$/],
    [
      { lanes: 'a/b/c/d' },
      /^--lanes takes STRATEGY, WORKLOAD\/STRATEGY or WORKLOAD\/STRATEGY\/Nt \(got "a\/b\/c\/d"\)$/,
    ],
    [{ lanes: 'primes//gil-threads' }, /^--lanes takes STRATEGY/],
  ])('rejects tracing options %o', (raw, message) => {
    const attempt = () => resolve(raw);
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(message);
  });

  it('run needs a workload', () => {
    expect(() => resolve({}, 'run')).toThrow(/run needs --workload FILE/);
  });

  it('resolves user workload files against the working directory', () => {
    expect(resolve({ workload: ['./w.js'] }, 'run').run.workloads).toEqual([{ name: './w.js', file: '/tmp/w.js' }]);
  });
});

describe('decideColor', () => {
  it.each([
    [undefined, {}, true, true],
    [false, {}, true, false],
    [undefined, { NO_COLOR: '1' }, true, false],
    [undefined, {}, false, false],
    [undefined, { FORCE_COLOR: '1' }, false, true],
    [false, { FORCE_COLOR: '1' }, true, false],
  ])('flag %s, env %o, tty %s → %s', (flag, env, stdoutIsTTY, expected) => {
    expect(decideColor(flag, { env, stdoutIsTTY })).toBe(expected);
  });
});

describe('the width reports fit', () => {
  it("is the terminal's, else $COLUMNS when piped, else the full layout", () => {
    expect(decideWidth({ stdoutIsTTY: true, stdoutColumns: 80, env: { COLUMNS: '100' } })).toBe(80);
    expect(decideWidth({ stdoutIsTTY: false, env: { COLUMNS: '100' } })).toBe(100);
    expect(decideWidth({ stdoutIsTTY: false, env: { COLUMNS: 'wide' } })).toBe(120);
    expect(decideWidth({ stdoutIsTTY: false, env: {} })).toBe(120);
  });
});

describe('--gil-wake', () => {
  it('takes fifo or random, records it, and refuses anything else naming the flag', () => {
    expect(resolveConfig('cpu', { gilWake: 'random' }, facts).run.gilWake).toBe('random');
    expect(resolveConfig('cpu', {}, facts).run.gilWake).toBeUndefined();
    expect(() => resolveConfig('cpu', { gilWake: 'lifo' }, facts)).toThrow(
      '--gil-wake must be one of fifo, random (got "lifo")',
    );
  });
});
