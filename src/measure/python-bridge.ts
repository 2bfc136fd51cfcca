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

/** Sends one JSON request to the Python twin and returns its JSON answer. */
export function callPython<T>(command: string, request: object, timeoutMs = 300_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [scriptPath()], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Python did not answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new UsageError(
              `calibrate needs a Python ≥ 3.9 interpreter: none found as "${command}"; point at one with --python PATH`,
            )
          : error,
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
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
    child.stdin.end(JSON.stringify(request));
  });
}

/** Checks that `command` is a CPython ≥ 3.9 this bridge can drive. */
export async function findPython(command: string): Promise<PythonInfo> {
  const info = await callPython<Omit<PythonInfo, 'command'>>(command, { op: 'info' }, 30_000).catch(
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
  return { command, ...info };
}
