import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunConfig } from '../src/config/types.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'gil-bench.js');
export const fixture = (name: string): string => join(ROOT, 'test', 'fixtures', name);

/** OS threads of this process: worker threads that were not stopped show up here. */
export function osThreadCount(): number {
  return readdirSync('/proc/self/task').length;
}

/** Polls until `check` holds or the time is up; returns the last value of `check`. */
export async function eventually(check: () => boolean, timeoutMs = 3000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

/** Resolves as `promise` does, or rejects naming `what` once `ms` have passed: a hang becomes a failure. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms for ${what}`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A private temp folder, removed by the returned function. */
export async function tempDir(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'gil-bench-test-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** The smallest configuration that still exercises every strategy. */
export function tinyConfig(overrides: Partial<RunConfig> = {}): RunConfig {
  return {
    suite: 'cpu',
    workloads: [{ name: 'primes' }],
    strategies: ['sequential', 'gil-threads', 'async', 'workers', 'async-offload'],
    threads: [2],
    tasks: 3,
    size: 'xs',
    iterations: 2,
    timeMs: 0,
    warmup: 0,
    warmupMs: 0,
    seed: 7,
    gil: 'cpython',
    switchIntervalMs: 5,
    taskTimeoutMs: 30_000,
    workerMemoryMb: 0,
    order: 'interleaved',
    estimator: 'min',
    probe: false,
    ...overrides,
  };
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built binary the way a user does (colour off, unless `env` says otherwise). */
export function runBin(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Ran> {
  return runNode(BIN, args, { ...options, env: { ...process.env, NO_COLOR: '1', ...options.env } });
}

/** Runs a script of the project under this Node, in exactly the environment given; its output kept. */
export function runNode(
  script: string,
  args: string[],
  options: { cwd?: string; env: NodeJS.ProcessEnv },
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      ...(options.cwd ? { cwd: options.cwd } : {}),
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Gives this test file a TMPDIR of its own, inherited by the processes it starts, so that the temp
 * folders other test files create at the same time never show in it. Vitest runs each file in a
 * process of its own, so the change stays within the file. Returns the folder; `removeOwnTmpdir`
 * removes it.
 */
export function ownTmpdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gil-bench-own-tmp-'));
  process.env['TMPDIR'] = dir;
  return dir;
}

export function removeOwnTmpdir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** python3 if it is a CPython ≥ 3.9 on PATH (the machines here have 3.11); else undefined, and its tests skip, saying why. */
export const PYTHON3 = ((): string | undefined => {
  try {
    execFileSync('python3', ['-c', 'import sys; assert sys.version_info >= (3, 9)'], { stdio: 'ignore' });
    return 'python3';
  } catch {
    return undefined;
  }
})();
