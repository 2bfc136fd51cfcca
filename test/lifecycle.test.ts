import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runJob, type Job } from '../src/cli/lifecycle.js';
import type { Io } from '../src/cli/io.js';
import type { SuiteResult } from '../src/results/types.js';
import { suiteFixture } from './fixtures/suite-result.js';
import { fixture, runBin, tempDir } from './helpers.js';

/** An Io whose streams are kept as text. */
function memoryIo(cwd: string): Io & { out(): string; err(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { stdout, stderr, env: {}, cwd, out: () => out, err: () => err } as unknown as Io & {
    out(): string;
    err(): string;
  };
}

const completed: SuiteResult = { ...suiteFixture, cells: suiteFixture.cells.filter((c) => c.state === 'completed') };

function job(result: SuiteResult, overrides: Partial<Job> = {}, order: string[] = []): Job {
  return {
    quiet: false,
    measure: async () => {
      order.push('measure');
      return { result };
    },
    keep: {},
    emit: async () => {
      order.push('emit');
      return true;
    },
    judge: async () => {
      order.push('judge');
      return 3;
    },
    ...overrides,
  };
}

describe('the command lifecycle: one order and one exit-code rule for every measuring command', () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('saves before it emits, emits before it judges, and a whole run takes the verdict as its exit code', async () => {
    const order: string[] = [];
    const io = memoryIo(dir.path);
    const code = await runJob(
      job(completed, { keep: { resultsDir: dir.path }, emit: async () => (order.push('emit'), true) }, order),
      io,
    );
    expect(code).toBe(3);
    expect(order).toEqual(['measure', 'emit', 'judge']);
    // The save came first: its line is on stderr before anything was emitted.
    expect(io.err()).toMatch(/^result saved to /);
    const saved = await readdir(dir.path);
    expect(saved).toHaveLength(1);
  });

  it('a failed cell fails the run (exit 1) and is named, whatever the verdict', async () => {
    const io = memoryIo(dir.path);
    const code = await runJob(job(suiteFixture), io);
    expect(code).toBe(1);
    expect(io.err()).toMatch(/^error: (WRONG RESULTS|MISMATCH|FAILED): /m);
  });

  it('a save that fails fails the run, and the report still goes out', async () => {
    const file = join(dir.path, 'a-file');
    await writeFile(file, 'not a folder');
    const order: string[] = [];
    const io = memoryIo(dir.path);
    const code = await runJob(job(completed, { keep: { resultsDir: file } }, order), io);
    expect(code).toBe(1);
    expect(io.err()).toMatch(/^error: could not save the result in /m);
    expect(order).toContain('emit');
  });

  it('a part that stopped short is said in one line and fails the run', async () => {
    const io = memoryIo(dir.path);
    const code = await runJob(
      job(completed, { measure: async () => ({ result: completed, failure: "CPython's side stopped: boom" }) }),
      io,
    );
    expect(code).toBe(1);
    expect(io.err()).toContain("error: CPython's side stopped: boom\n");
  });

  it('a stopped run is not judged and exits 130', async () => {
    const order: string[] = [];
    const io = memoryIo(dir.path);
    const code = await runJob(job({ ...completed, partial: true }, {}, order), io);
    expect(code).toBe(130);
    expect(order).not.toContain('judge');
  });
});

describe('the commands in that lifecycle, end to end', () => {
  let dir: { path: string; remove(): Promise<void> };
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('compare NAME: a cell that fails in the run made now exits 1 and is named, beside the comparison', async () => {
    const tiny = ['--tasks', '2', '--iterations', '2', '--warmup', '0', '--warmup-time', '0', '--no-probe'];
    const args = ['--strategies', 'sequential,workers', '--threads', '2', '--size', 'xs', ...tiny];
    const base = await runBin(
      ['run', '--workload', fixture('throwing-workload.js'), ...args, '--json', '--output', 'base.json', '--quiet'],
      { cwd: dir.path },
    );
    expect(base.code).toBe(1);
    const compared = await runBin(['compare', 'base.json', '--quiet'], { cwd: dir.path });
    expect(compared.stderr).toMatch(/^error: FAILED: throwing \/ (sequential|workers).*boom in task 1/m);
    expect(compared.code).toBe(1);
  }, 60_000);

  it('check: a result that cannot be saved fails the check (exit 1) and says why', async () => {
    const file = join(dir.path, 'a-file');
    await writeFile(file, 'not a folder');
    const ran = await runBin(['check', '--results-dir', file, '--quiet'], { cwd: dir.path });
    expect(ran.stderr).toMatch(/^error: could not save the result in /m);
    expect(ran.code).toBe(1);
  }, 120_000);
});
