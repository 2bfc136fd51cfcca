/**
 * The Python twin of the workloads (workloads/python/gilbench_calibrate.py), one request per
 * interpreter: a JSON request on stdin, a JSON answer on stdout. The interpreter runs in a process
 * group of its own, so that a timeout or Ctrl-C ends it with every process-pool child it started.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';

/** The Python twin of the workloads, shipped in the package's workloads/python/ folder. */
function scriptPath(): string {
  for (const relative of [
    '../../workloads/python/gilbench_calibrate.py',
    '../../../workloads/python/gilbench_calibrate.py',
  ]) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('workloads/python/gilbench_calibrate.py is missing from the package');
}

export interface PythonInfo {
  /** What was run: the --python argument or python3. */
  command: string;
  version: string;
  implementation: string;
  /** False on a free-threaded build (3.13t, 3.14t) with the GIL off. */
  gil: boolean;
  cpus: number;
}

/** Raised when a Python request is stopped by the caller's signal. */
export class PythonStopped extends Error {
  override name = 'PythonStopped';
}

/** Ends a process and every process in its group (a pool's children included). */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Sends one JSON request to the Python twin and returns its JSON answer. */
export function callPython<T>(
  command: string,
  request: object,
  { timeoutMs = 300_000, signal }: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new PythonStopped('stopped before Python ran'));
    const child = spawn(command, [scriptPath()], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let failure: Error | undefined;
    const stop = (error: Error): void => {
      failure ??= error;
      killGroup(child.pid);
    };
    const timer = setTimeout(() => stop(new Error(`Python did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
    const onAbort = (): void => stop(new PythonStopped('stopped'));
    signal?.addEventListener('abort', onAbort, { once: true });
    // This process ending (a second Ctrl-C) must not leave the interpreter behind.
    const onExit = (): void => killGroup(child.pid);
    process.once('exit', onExit);
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      process.off('exit', onExit);
    };
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', (error: NodeJS.ErrnoException) => {
      done();
      reject(
        error.code === 'ENOENT'
          ? new UsageError(
              `calibrate needs a Python ≥ 3.9 interpreter: none found as "${command}"; point at one with --python PATH`,
            )
          : error,
      );
    });
    child.on('close', (code) => {
      done();
      // Whatever the interpreter left running in its group ends with it.
      killGroup(child.pid);
      if (failure) return reject(failure);
      let answer: { error?: string } & T;
      try {
        answer = JSON.parse(stdout) as { error?: string } & T;
      } catch {
        reject(
          new Error(
            `Python (${command}) failed (exit ${code}): ${(stderr.trim().split('\n').pop() ?? '').slice(0, 300)}`,
          ),
        );
        return;
      }
      if (answer.error) reject(new Error(`Python: ${answer.error}`));
      else resolve(answer);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify(request));
  });
}

/** Checks that `command` is a CPython ≥ 3.9 this bridge can drive. */
export async function findPython(command: string): Promise<PythonInfo> {
  const info = await callPython<Omit<PythonInfo, 'command'>>(command, { op: 'info' }, { timeoutMs: 30_000 }).catch(
    (error: unknown) => {
      if (error instanceof UsageError) throw error;
      throw new UsageError(
        `calibrate needs a Python ≥ 3.9 interpreter: "${command}" did not run the calibration script (${error instanceof Error ? error.message : String(error)}); point at one with --python PATH`,
      );
    },
  );
  const [major = 0, minor = 0] = info.version.split('.').map(Number);
  if (major < 3 || (major === 3 && minor < 9))
    throw new UsageError(`calibrate needs Python ≥ 3.9; "${command}" is ${info.version}`);
  if (info.implementation !== 'cpython')
    throw new UsageError(
      `calibrate measures CPython's GIL; "${command}" is ${info.implementation} ${info.version}, not CPython`,
    );
  return { command, ...info };
}
