import { spawn } from 'node:child_process';
import { chmod, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SuiteResult } from '../src/results/types.js';
import { pathToFileURL } from 'node:url';
import { BIN, fixture, ROOT, runBin, tempDir, type Ran } from './helpers.js';

/** Runs the built binary the way a user does, with colour decided by the environment. */
const gilBench = (args: string[], env: Record<string, string> = {}): Promise<Ran> => runBin(args, { env });

/** A verdict line as one line again: the table wraps it to the width, continuing under its text. */
const unwrapped = (text: string): string => text.replace(/\n {16}(?=\S)/g, ' ');

const TINY = ['--size', 'xs', '--tasks', '2', '--iterations', '1', '--warmup', '0', '--threads', '2'];

describe('gil-bench (built binary)', () => {
  let results: { path: string; remove(): Promise<void> };
  beforeEach(async () => {
    results = await tempDir();
  });
  afterEach(async () => {
    await results.remove();
  });

  it('cpu --json prints only the JSON result, with every strategy verified and a speedup', async () => {
    // Three timed batches, no further rounds: enough for a bootstrap interval, still tiny.
    const args = ['--size', 'xs', '--tasks', '2', '--iterations', '3', '--max-iterations', '3', '--warmup', '0'];
    const ran = await gilBench([
      'cpu',
      '--workloads',
      'primes',
      ...args,
      '--threads',
      '2',
      '--json',
      '--label',
      'ci linux-x64',
      '--results-dir',
      results.path,
    ]);
    expect(ran.code).toBe(0);
    const result = JSON.parse(ran.stdout) as SuiteResult;
    expect(result.schemaVersion).toBe(1);
    expect(result.label).toBe('ci linux-x64');
    expect(result.environment.cpuModel).toBeTruthy();
    // 'completed' means every batch's checksums matched sequential's ('mismatch' otherwise).
    expect(result.cells.map((c) => [c.strategy, c.state])).toEqual([
      ['sequential', 'completed'],
      ['gil-threads', 'completed'],
      ['async', 'completed'],
      ['workers', 'completed'],
      ['async-offload', 'completed'],
    ]);
    // Each speedup is sequential's fastest batch over the cell's (the default estimator, min),
    // recomputed here from the recorded batch times, and its 95% interval contains it.
    expect(result.config.estimator).toBe('min');
    const fastest = (samples: number[]): number => Math.min(...samples);
    const sequential = result.cells[0]?.samples ?? [];
    for (const cell of result.cells) {
      expect(cell.samples).toHaveLength(3);
      expect(cell.stats?.samples).toBe(3);
      expect(cell.stats?.min).toBe(fastest(cell.samples));
      const speedup = cell.speedup;
      expect(speedup, `${cell.strategy} has a speedup`).toBeDefined();
      if (!speedup) continue;
      expect(speedup.value).toBeCloseTo(fastest(sequential) / fastest(cell.samples), 12);
      expect(speedup.low).toBeLessThanOrEqual(speedup.value);
      expect(speedup.high).toBeGreaterThanOrEqual(speedup.value);
      expect(cell.efficiency).toBeCloseTo(speedup.value / cell.threads, 12);
    }
    expect(result.cells[0]?.speedup?.value).toBe(1);
    const saved = await readdir(results.path);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatch(/-cpu\.json$/);
  });

  it('io prints a table per workload with a verdict per strategy, no colour under NO_COLOR, and stops its server', async () => {
    const ran = await gilBench(['io', ...TINY, '--no-save', '--strategies', 'async,gil-threads', '--details']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('sleep (io, 2 tasks per batch)');
    expect(ran.stdout).toContain('http (io, 2 tasks per batch)');
    expect(unwrapped(ran.stdout)).toMatch(/async\s+.*every task waits at once on one event loop \(.*\) \(asyncio\)/);
    expect(ran.stdout).not.toMatch(/\x1b\[/);
  });

  it('a strategy that changes the results is a loud failure with exit code 1', async () => {
    const ran = await gilBench([
      'run',
      '--workload',
      fixture('mismatch-workload.js'),
      ...TINY,
      '--no-save',
      '--strategies',
      'workers',
      '--details',
    ]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('error: MISMATCH: mismatch / workers ×2, task 0: expected checksum 0, got 1');
    expect(ran.stderr).toContain('error: MISMATCH: mismatch / workers ×2, task 1: expected checksum 1, got 2');
    expect(ran.stdout).toMatch(/workers MISMATCH/);
    expect(ran.stdout).toMatch(/MISMATCH: checksums differ from sequential on task 0, 1/);
    // The summary says so too.
    expect(ran.stdout).toMatch(/│ mismatch +│ +MISMATCH │/);
  });

  it('a throwing task errors its cells, the others still report, exit code 1', async () => {
    const ran = await gilBench(['run', '--workload', fixture('throwing-workload.js'), ...TINY, '--json', '--no-save']);
    expect(ran.code).toBe(1);
    const result = JSON.parse(ran.stdout) as SuiteResult;
    expect(result.cells.every((c) => c.state === 'errored' && c.error === 'task 1: boom in task 1')).toBe(true);
  });

  it.each<[string[], RegExp]>([
    [['cpu', '--threads', '0'], /^error: --threads must be a whole number from 1 to 64 \(got "0"\)$/],
    [['cpu', '--threads', 'abc'], /^error: --threads must be a whole number/],
    [['cpu', '--bogus'], /^error: unknown option '--bogus'$/],
    [['cpu', '--thread', '2'], /^error: unknown option '--thread' \(did you mean --threads\?\)$/],
    [['cpuu'], /^error: unknown command 'cpuu' \(did you mean cpu\?\)$/],
    [['cpu', '--strategies', 'threads'], /^error: --strategies: unknown strategy "threads"/],
    [['cpu', '--size', 'xl'], /^error: --size must be one of xs, s, m, l/],
    [
      ['run', '--workload', fixture('bad-contract-workload.js')],
      /bad-contract-workload\.js: export "run" is not a function$/,
    ],
    // One input per task, or the run would measure fewer tasks than its threads.
    [
      ['run', '--workload', fixture('short-inputs-workload.js'), '--tasks', '4'],
      /^error: \/\S+\/short-inputs-workload\.js:5: inputs\(\) returned 1 input for 4 tasks; return one input per task$/,
    ],
    // A missing workload is named as typed, not by the module that would have imported it.
    [['run', '--workload', fixture('missing.js')], /^error: \/\S+\/missing\.js: no such file$/],
    // A module's path given where built-in names go: the hint names --workload.
    [
      ['run', '--workloads', 'mine.py'],
      /^error: --workloads takes built-in names; to run the module "mine\.py", use --workload \(singular\): gil-bench run --workload mine\.py$/,
    ],
    [
      ['cpu', '--workloads', 'primes,./x.js'],
      /^error: --workloads takes built-in names; to run the module "\.\/x\.js"/,
    ],
    // A folder given as the interpreter (calibrate checks it before any Python starts).
    [
      ['calibrate', '--python', fixture('python')],
      /^error: --python: "\S+\/python" is a folder; give the interpreter itself, e\.g\. --python \S+\/bin\/python3$/,
    ],
    [['io', '--async-limit', '0'], /^error: --async-limit must be a whole number from 1 to 10000 \(got "0"\)$/],
    [['mixed', '--io-ratio', '1.5'], /^error: --io-ratio must be a number from 0 to 1 \(got "1\.5"\)$/],
    [['mixed', '--io-ratio', 'half'], /^error: --io-ratio must be a number from 0 to 1 \(got "half"\)$/],
    [['cpu', '--threads', '-3'], /^error: --threads must be a whole number from 1 to 64 \(got "-3"\)$/],
    [['cpu', '--threads', '2.5'], /^error: --threads must be a whole number from 1 to 64 \(got "2\.5"\)$/],
    [['cpu', '--threads', '100000'], /^error: --threads must be a whole number from 1 to 64 \(got "100000"\)$/],
    [['cpu', '--tasks', '0'], /^error: --tasks must be a whole number from 1 to 10000 \(got "0"\)$/],
    [['cpu', '--tasks', 'lots'], /^error: --tasks must be a whole number/],
    [['cpu', '--iterations', '0'], /^error: --iterations must be a whole number from 1 to 1000/],
    [['cpu', '--time', '-1'], /^error: --time must be a whole number from 0/],
    [['cpu', '--switch-interval', '0'], /^error: --switch-interval must be a number from 0\.1 to 1000/],
    [['cpu', '--switch-interval', 'soon'], /^error: --switch-interval must be a number/],
    [['cpu', '--estimator', 'mean'], /^error: --estimator must be one of min, median \(got "mean"\)/],
    [['cpu', '--workloads', 'primez'], /^error: --workloads: unknown workload "primez" \(did you mean "primes"\?\)/],
    [['cpu', '--format', 'yml'], /^error: --format must be one of .* \(got "yml"\)/],
    [['cpu', '--format', 'csv', '--json'], /^error: only one format can go to stdout \(got csv and json\)/],
    [['cpu', '--fail-on-regression', '10'], /^error: --fail-on-regression needs --baseline/],
    [['cpu', '--save-baseline', '../up'], /^error: --save-baseline must be a plain name/],
    [
      ['cpu', '--output', '/nonexistent-folder/r.json'],
      /^error: --output \/nonexistent-folder\/r\.json: the folder \/nonexistent-folder does not exist$/,
    ],
    [['cpu', '--baseline', 'nope'], /baselines\/nope\.json: no such file$/],
    // A syntax error says where, as file:line:column.
    [
      ['run', '--workload', fixture('syntax-error-workload.js')],
      /^error: \/\S+\/syntax-error-workload\.js:1:21: cannot import it: Unexpected token ';'$/,
    ],
    // An empty item in a list is refused, not skipped.
    [['cpu', '--threads', '1,,2'], /^error: --threads has an empty item between commas \(got "1,,2"\)$/],
    [['cpu', '--strategies', 'workers,'], /^error: --strategies has an empty item between commas/],
    // A name with a file extension is a path, never a baseline name.
    [['compare', 'r.csv', 'b.json'], /^error: r\.csv: no such file$/],
    // A real CSV is called CSV, not a truncated JSON file.
    [['report', fixture('cells.csv')], /cells\.csv: this is CSV, which gil-bench cannot read back: only a JSON result/],
    [['mixed', '--workloads', 'ratio'], /^error: --workloads: "ratio" runs with --io-ratio/],
    [['cpu', '--label', ' '], /^error: --label must be 1 to 60 printable characters on one line \(got " "\)$/],
    // Only where Node cannot strip TypeScript types itself (before 22.6).
    ...((process.features as { typescript?: unknown }).typescript
      ? []
      : [
          [
            ['run', '--workload', fixture('workload.ts')],
            /workload\.ts: this Node\.js \(v\d+[^)]*\) cannot load TypeScript; compile it to \.js, or use Node ≥ 22\.6$/,
          ] as [string[], RegExp],
        ]),
  ])('bad input %j: one line on stderr, exit code 2, nothing written', async (args, message) => {
    // `report` writes nothing of its own, so it has no --results-dir.
    const ran = await gilBench(args[0] === 'report' ? args : [...args, '--results-dir', results.path]);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    const lines = ran.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[0]).toMatch(message);
    expect(ran.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(results.path)).toEqual([]);
  });

  it('mixed shows the convoy: each strategy I/O latency, judged against the I/O task alone', async () => {
    const ran = await gilBench([
      'mixed',
      '--workloads',
      'convoy',
      '--size',
      'xs',
      '--iterations',
      '1',
      '--warmup',
      '0',
      '--threads',
      '2',
      '--json',
      '--no-save',
    ]);
    expect(ran.code).toBe(0);
    const result = JSON.parse(ran.stdout) as SuiteResult;
    expect(result.cells.map((c) => [c.workload, c.strategy, c.tasks, c.io?.ops])).toEqual([
      ['convoy', 'sequential', 2, 5],
      ['convoy', 'gil-threads', 2, 5],
      ['convoy', 'async', 2, 5],
      ['convoy', 'workers', 2, 5],
      ['convoy', 'async-offload', 2, 5],
    ]);
    const table = await gilBench([
      'mixed',
      '--workloads',
      'convoy',
      '--size',
      'xs',
      '--iterations',
      '1',
      '--warmup',
      '0',
      '--threads',
      '2',
      '--no-save',
      '--details',
    ]);
    expect(unwrapped(table.stdout)).toMatch(
      /gil-threads\s+each I\/O op waits .* switch intervals\) for the lock the CPU task holds: the convoy effect/,
    );
  });

  it('an error a workload throws outside its tasks is reported in one line, the run still reports, exit 1', async () => {
    const ran = await gilBench([
      'run',
      '--workload',
      fixture('escaping-workload.js'),
      ...TINY,
      '--strategies',
      'async',
      '--json',
      '--no-save',
      '--no-probe',
    ]);
    expect(ran.code).toBe(1);
    expect((JSON.parse(ran.stdout) as SuiteResult).cells.map((c) => c.state)).toEqual(['completed', 'completed']);
    expect(ran.stderr).toContain('error: a workload threw outside its tasks: escaped from a timer');
    expect(ran.stderr).not.toMatch(/\n\s+at /);
  });

  it('a result that cannot be saved is reported, and the report still prints', async () => {
    const ran = await gilBench([
      'cpu',
      '--workloads',
      'primes',
      ...TINY,
      '--strategies',
      'workers',
      '--no-probe',
      '--results-dir',
      join(BIN),
    ]);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain('Summary: speedup vs sequential at 2 threads');
    expect(ran.stderr).toMatch(/^error: could not save the result in .*gil-bench\.js: /m);
  });

  it('with stdout piped, warnings are in the report once, not on stderr too; --quick says its trade-off once, as a note', async () => {
    const few = await gilBench([
      'cpu',
      '--workloads',
      'primes',
      ...TINY,
      '--iterations',
      '2',
      '--max-iterations',
      '2',
      '--no-save',
      '--no-probe',
    ]);
    expect(few.code).toBe(0);
    expect(few.stdout).toContain('! 2 timed batches per strategy: too few for 95% intervals you can trust');
    expect(few.stderr).not.toContain('too few');
    const quick = await gilBench([
      'cpu',
      '--quick',
      '--workloads',
      'primes',
      '--size',
      'xs',
      '--no-save',
      '--no-probe',
    ]);
    expect(quick.code).toBe(0);
    expect(
      quick.stdout.match(
        /note: --quick is a first look: \d timed batches of about 15 ms \(size xs tasks, as many as fit\)/g,
      ),
    ).toHaveLength(1);
    expect(quick.stdout).not.toMatch(/too few for 95% intervals|relative error over/);
    expect(quick.stderr).not.toMatch(/note:|warning:/);
    // Elsewhere than the table, it goes to stderr, once.
    const json = await gilBench([
      'cpu',
      '--quick',
      '--workloads',
      'primes',
      '--size',
      'xs',
      '--no-save',
      '--no-probe',
      '--json',
    ]);
    expect(json.stderr.match(/^note: --quick is a first look/gm)).toHaveLength(1);
  });

  it('warns, with a fix, about too few samples and about batches too short for the timer', async () => {
    const few = await gilBench([
      'cpu',
      '--workloads',
      'primes',
      ...TINY,
      '--iterations',
      '2',
      '--max-iterations',
      '2',
      '--no-save',
      '--no-probe',
    ]);
    expect(few.code).toBe(0);
    expect(few.stdout).toMatch(
      /! 2 timed batches per strategy: too few for 95% intervals you can trust → use --iterations 5 or more/,
    );
    const short = await gilBench([
      'run',
      '--workload',
      fixture('noop-workload.js'),
      '--task-timeout',
      '0',
      '--tasks',
      '1',
      '--iterations',
      '9',
      '--warmup',
      '2',
      '--threads',
      '2',
      '--json',
      '--no-save',
      '--no-probe',
    ]);
    expect(short.code).toBe(0);
    const result = JSON.parse(short.stdout) as SuiteResult;
    expect(result.warnings.map((w) => w.kind)).toContain('timer-resolution');
    expect(short.stderr).toMatch(/warning: \d+ of 5 cells have batches shorter than 1000 timer steps/);
  });

  it('a thread sweep prints speedup and efficiency per thread count, a chart, and the crossovers', async () => {
    const ran = await gilBench([
      'cpu',
      '--workloads',
      'primes',
      '--size',
      'xs',
      '--tasks',
      '4',
      '--iterations',
      '1',
      '--warmup',
      '0',
      '--threads',
      '1,2',
      '--no-save',
      '--no-probe',
    ]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('primes: speedup by thread count');
    expect(ran.stdout).toMatch(/ideal\s+│\s+1\.00× │\s+2\.00×/);
    expect(ran.stdout).toMatch(/workers\s+│ \d\.\d\d× \(\d\.\d\d\) │ \d\.\d\d× \(\d\.\d\d\)/);
    // The chart above the figures: a y axis in ×, each line named at its end, the thread counts under it.
    expect(ran.stdout).toMatch(/^ *1x [+|]/m);
    expect(ran.stdout).toMatch(/ W workers$/m);
    expect(ran.stdout).toMatch(/^ +1 +2$/m);
    expect(ran.stdout).toContain('threads (--threads)');
  });

  // Root may write anywhere, so an unwritable folder can only be shown to another user.
  it.skipIf(process.getuid?.() === 0)(
    '--output into a folder it cannot write: one line, exit 2 (skipped as root)',
    async () => {
      await chmod(results.path, 0o555);
      const ran = await gilBench(['cpu', '--output', join(results.path, 'r.json')]);
      await chmod(results.path, 0o755);
      expect(ran.code).toBe(2);
      expect(ran.stderr.trimEnd()).toMatch(/^error: --output .*r\.json: the folder .* is not writable$/);
    },
  );

  it('the API works from `node --input-type=module -e`, whose flag worker threads must not inherit', async () => {
    const script = `const { runSuite, resolveConfig } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'src', 'index.js')).href)});
const { run } = resolveConfig('all', { workloads: 'primes,http', size: 'xs', tasks: '2', iterations: '1', warmup: '0', probe: false }, { env: {}, stdoutIsTTY: false, cwd: process.cwd(), availableParallelism: 2 });
const result = await runSuite(run);
console.log(result.cells.map((c) => c.state).join(','));`;
    const ran = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d));
      child.on('close', (code) => resolve({ code, stdout }));
    });
    expect(ran.code).toBe(0);
    expect(ran.stdout.trim()).toBe(new Array(10).fill('completed').join(','));
  });

  it('runs under Node options that worker threads refuse (a V8 heap size)', async () => {
    const ran = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          '--max-semi-space-size=8',
          BIN,
          'all',
          '--workloads',
          'primes,http',
          ...TINY,
          '--json',
          '--no-save',
          '--no-probe',
        ],
        {
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      );
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d));
      child.on('close', (code) => resolve({ code, stdout }));
    });
    expect(ran.code).toBe(0);
    expect((JSON.parse(ran.stdout) as SuiteResult).cells.every((c) => c.state === 'completed')).toBe(true);
  });

  it('ends quietly when the reader closes the pipe early', async () => {
    const ran = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      child.stdout.destroy();
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(ran.code).toBe(0);
    expect(ran.stderr).not.toMatch(/EPIPE|\n\s+at /);
  });

  it('--help works for every command and shows examples; the top level lists every exit code', async () => {
    for (const command of [[], ['cpu'], ['io'], ['mixed'], ['all'], ['run'], ['list']]) {
      const ran = await gilBench([...command, '--help']);
      expect(ran.code).toBe(0);
      expect(ran.stdout).toContain('Examples:');
    }
    const top = await gilBench(['--help']);
    const codes = [...top.stdout.split('Exit codes:')[1]!.matchAll(/^ +(\d+) {2}/gm)].map((m) => Number(m[1]));
    expect(codes).toEqual([0, 1, 2, 3, 130, 143]);
  });

  it('list shows every workload and strategy', async () => {
    const ran = await gilBench(['list', '--json']);
    expect(ran.code).toBe(0);
    const listed = JSON.parse(ran.stdout) as { workloads: { name: string }[]; strategies: { name: string }[] };
    expect(listed.workloads.map((w) => w.name)).toEqual([
      'primes',
      'fib',
      'sha256',
      'matmul',
      'json',
      'regex',
      'native-hash',
      'sleep',
      'files',
      'http',
      'tcp',
      'convoy',
      'responsiveness',
      'ratio',
    ]);
    expect(listed.strategies.map((s) => s.name)).toEqual([
      'sequential',
      'gil-threads',
      'async',
      'workers',
      'async-offload',
    ]);
  });
});
