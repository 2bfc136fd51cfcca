import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bench } from '../src/cli/bench.js';
import type { SuiteResult } from '../src/results/types.js';
import { BIN, tempDir, ownTmpdir, removeOwnTmpdir } from './helpers.js';

interface Ended {
  code: number | null;
  /** The signal that ended the process, if one did. */
  killedBy: NodeJS.Signals | null;
  /** How many of the signals were sent before the process ended. */
  sent: number;
  stderr: string;
}

/** A progress line (GIL_BENCH_PROGRESS=lines): the run is measuring, its signal handlers are in place. */
const MEASURING = /^\d+\/\d+ \S+ · /m;

/**
 * Starts a long run that prints a progress line per batch, and sends each signal once stderr shows
 * its cue (written after the previous signal was sent), then waits for the end. Cues, not delays:
 * a slow start-up or a busy machine only makes the test wait longer.
 */
function interrupt(
  args: string[],
  steps: Array<[cue: RegExp, signal: NodeJS.Signals]>,
  env: Record<string, string> = {},
): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1', GIL_BENCH_PROGRESS: 'lines', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let sent = 0;
    let since = 0;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      const step = steps[sent];
      if (step && step[0].test(stderr.slice(since))) {
        since = stderr.length;
        sent++;
        child.kill(step[1]);
      }
    });
    child.on('error', reject);
    child.on('close', (code, killedBy) => resolve({ code, killedBy, sent, stderr }));
  });
}

// A TMPDIR of this file's own: no other test file's temp folders appear in it.
const OWN_TMP = ownTmpdir();
afterAll(() => removeOwnTmpdir(OWN_TMP));
const ourTemp = (): string[] => readdirSync(OWN_TMP).filter((name) => name.startsWith('gil-bench-files-'));

describe('signals', () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  const LONG = ['run', '--workloads', 'files,primes,fib,sha256', '--size', 's', '--iterations', '20', '--no-probe'];

  it('Ctrl-C stops the run cleanly: exit 130, the results so far saved as a partial file, nothing left behind', async () => {
    const tempBefore = ourTemp();
    // Once the second workload has begun, the first is fully measured.
    const ended = await interrupt([...LONG, '--results-dir', dir.path], [[/^\d+\/\d+ primes · /m, 'SIGINT']]);
    expect(ended.sent, ended.stderr).toBe(1);
    expect(ended.code).toBe(130);
    expect(ended.stderr).toContain('SIGINT received: stopping after the batch in flight');
    // One listener per round on the run's signal would trip Node's leak warning after ten rounds.
    expect(ended.stderr).not.toContain('MaxListenersExceededWarning');
    const files = await readdir(dir.path);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/-run-partial\.json$/);
    const result = JSON.parse(await readFile(join(dir.path, files[0] as string), 'utf8')) as SuiteResult;
    expect(result.partial).toBe(true);
    expect(result.cells.filter((c) => c.workload === 'files').map((c) => [c.strategy, c.state])).toEqual([
      ['sequential', 'completed'],
      ['gil-threads', 'completed'],
      ['async', 'completed'],
      ['workers', 'completed'],
      ['async-offload', 'completed'],
    ]);
    // Stopped in primes: the workloads after it never ran.
    expect(result.cells.filter((c) => c.workload !== 'files' && c.workload !== 'primes')).toEqual([]);
    expect(ourTemp()).toEqual(tempBefore);
  }, 60_000);

  it('SIGTERM ends with 143', async () => {
    const ended = await interrupt([...LONG, '--results-dir', dir.path], [[MEASURING, 'SIGTERM']]);
    expect(ended.sent, ended.stderr).toBe(1);
    expect(ended.code).toBe(143);
    expect((await readdir(dir.path))[0]).toMatch(/-partial\.json$/);
  }, 60_000);

  it('once stopping, keeps its signal handlers until the process ends: a late second Ctrl-C still exits 130', async () => {
    const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
    const sink = new PassThrough().resume();
    const io = { stdout: sink, stderr: sink, env: { NO_COLOR: '1' }, cwd: dir.path };
    const running = bench(
      'cpu',
      {
        workloads: 'primes',
        strategies: 'async',
        size: 'xs',
        iterations: '200',
        probe: false,
        quiet: true,
        save: false,
      },
      io,
    );
    // The handlers are installed once the run's modules are loaded.
    await vi.waitFor(() => expect(process.listeners('SIGINT').length).toBeGreaterThan(before.SIGINT.length), {
      timeout: 10_000,
    });
    process.emit('SIGINT', 'SIGINT');
    expect(await running).toBe(130);
    const added = (['SIGINT', 'SIGTERM'] as const).map(
      (name) => [name, process.listeners(name).filter((l) => !before[name].includes(l))] as const,
    );
    for (const [name, listeners] of added) for (const listener of listeners) process.off(name, listener);
    expect(added.map(([name, listeners]) => [name, listeners.length])).toEqual([
      ['SIGINT', 1],
      ['SIGTERM', 1],
    ]);
  }, 30_000);

  it('a second Ctrl-C exits at once, without waiting for the batch in flight, and leaves no temp folder', async () => {
    // A temp folder of its own, so that no other test's files are counted.
    const tmp = join(dir.path, 'tmp');
    await mkdir(tmp);
    // The second once the first has been taken (the run says so), however long that took: the
    // files workload, first, is in flight with its temp folder.
    const ended = await interrupt(
      [...LONG, '--no-save'],
      [
        [MEASURING, 'SIGINT'],
        [/press Ctrl-C again to quit at once/, 'SIGINT'],
      ],
      { TMPDIR: tmp },
    );
    expect(ended.sent, ended.stderr).toBe(2);
    // A Ctrl-C that lands while Node is already tearing the process down ends it by the default
    // action, which a shell reports as 130 too.
    expect(ended.code === 130 || ended.killedBy === 'SIGINT', `exit code ${ended.code}, signal ${ended.killedBy}`).toBe(
      true,
    );
    expect(ended.stderr).toContain('press Ctrl-C again to quit at once');
    expect(await readdir(tmp)).toEqual([]);
  }, 60_000);
});
