/**
 * The one way gil-bench starts CPython: an interpreter checked for what it is, then a driver script
 * (workloads/python/gilbench_driver.py, or for CPython 2.7 gilbench_countdown.py) started in it,
 * in a process group of its own so that ending it ends every process-pool child too, and spoken to
 * on two pipes of its own (file descriptors 3 and 4, one JSON message per line). The workload's
 * stdout goes to this process's stderr: a print() can never corrupt a message, nor a
 * machine-readable stdout.
 */
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { EngineCrashError, UsageError } from '../errors.js';
import { WorkloadContractError } from '../../workloads/contract-error.js';
import { pythonFile } from '../../workloads/python-files.js';

/** The oldest CPython the driver supports (asyncio.to_thread, cancel_futures). */
const OLDEST = [3, 9] as const;

export interface Interpreter {
  /** What was run: the --python argument, or python3. */
  command: string;
  /** "CPython", "PyPy", … as the interpreter names itself. */
  implementation: string;
  version: string;
}

// Valid Python 2 and 3 alike, so that an old interpreter can say what it is.
const PROBE =
  'import json, platform; print(json.dumps({"implementation": platform.python_implementation(), "version": platform.python_version()}))';

/** What a caller needs of an interpreter: the oldest version, and the option its message names. */
export interface Wanted {
  oldest: readonly [number, number];
  /** How the message names the interpreter's source: '--python' by default. */
  option: string;
  /** Who needs it, with the verb: "Python workloads need". */
  needs: string;
}

const DRIVEN: Wanted = { oldest: OLDEST, option: '--python', needs: 'Python workloads need' };

/** Checks that `command` is a CPython of at least the wanted version; every other answer is a one-line usage error. */
export async function checkInterpreter(command: string, wanted: Wanted = DRIVEN): Promise<Interpreter> {
  const { oldest, option, needs } = wanted;
  const answer = await new Promise<string>((resolve, reject) => {
    execFile(command, ['-c', PROBE], { timeout: 30_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        const said = stderr.split('\n').find((line) => line.trim() !== '') ?? error.message.split('\n')[0] ?? '';
        const code = (error as NodeJS.ErrnoException).code;
        reject(
          new UsageError(
            code === 'ENOENT'
              ? `${option}: no interpreter "${command}" found; ${needs} CPython ≥ ${oldest.join('.')}`
              : `${option}: "${command}" is not a Python interpreter (it said: ${said.trim().slice(0, 80)}); give one, e.g. --python python3`,
          ),
        );
      } else resolve(stdout);
    });
  });
  let found: { implementation: string; version: string };
  try {
    found = JSON.parse(answer) as typeof found;
  } catch {
    throw new UsageError(
      `${option}: "${command}" did not answer as a Python interpreter; give one, e.g. --python python3`,
    );
  }
  const [major = 0, minor = 0] = found.version.split('.').map(Number);
  if (found.implementation !== 'CPython')
    throw new UsageError(
      `${option}: "${command}" is ${found.implementation} ${found.version}, not CPython: gil-bench measures CPython's strategies`,
    );
  if (major < oldest[0] || (major === oldest[0] && minor < oldest[1]))
    throw new UsageError(`${option}: "${command}" is CPython ${found.version}; ${needs} ≥ ${oldest.join('.')}`);
  return { command, ...found };
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

/** A running driver: requests out, answers back, and ending it with its whole group. */
export interface Driver {
  /** With `timeoutMs`, a request not answered in time ends the driver, saying `late`. */
  request<T>(request: object, timeoutMs?: number, late?: string): Promise<T>;
  /** Ends the driver and its process group; what was asked and not answered fails. Safe twice. */
  close(): Promise<void>;
}

interface Answer {
  id: number;
  value?: unknown;
  failure?: string;
  usage?: boolean;
}

/** Starts a driver script (by default the workload driver) in `interpreter`. */
export async function startDriver(interpreter: Interpreter, script = 'gilbench_driver.py'): Promise<Driver> {
  const child = spawn(interpreter.command, [pythonFile(script)], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
    detached: true,
    // Unbuffered, so a workload's print() shows when it is made.
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  const pid = child.pid;
  const stdio = child.stdio as unknown as [null, Readable, Readable, Writable, Readable];
  stdio[1].on('data', (d: Buffer) => process.stderr.write(d));
  let stderr = '';
  stdio[2].on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
    process.stderr.write(d);
  });
  const pending = new Map<
    number,
    { resolve(value: unknown): void; reject(error: Error): void; timer?: NodeJS.Timeout }
  >();
  let next = 0;
  let ended: Error | undefined;
  const fail = (error: Error): void => {
    ended ??= error;
    for (const waiting of pending.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(ended);
    }
    pending.clear();
  };
  // This process ending (a second Ctrl-C) must not leave the interpreter or its pool behind.
  const onExit = (): void => killGroup(pid);
  process.once('exit', onExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      process.off('exit', onExit);
      killGroup(pid);
      const last = stderr.trim().split('\n').pop() ?? '';
      fail(
        new EngineCrashError(
          `the Python driver ended ${signal ? `by ${signal}` : `with exit code ${String(code)}`}${last ? `: ${last.slice(0, 200)}` : ''}`,
        ),
      );
      resolve();
    }),
  );
  child.on('error', (error) => fail(error));
  createInterface({ input: stdio[4] }).on('line', (line) => {
    let answer: Answer;
    try {
      answer = JSON.parse(line) as Answer;
    } catch {
      return;
    }
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    clearTimeout(waiting.timer);
    if (answer.failure === undefined) waiting.resolve(answer.value);
    else
      waiting.reject(answer.usage ? new WorkloadContractError(answer.failure) : new Error(`Python: ${answer.failure}`));
  });
  stdio[3].on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  let closing: Promise<void> | undefined;
  const driver: Driver = {
    request<T>(request: object, timeoutMs = 0, late = `a request ran past ${timeoutMs / 1000} s`): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (ended) return reject(ended);
        const id = next++;
        const entry: { resolve(value: unknown): void; reject(error: Error): void; timer?: NodeJS.Timeout } = {
          resolve: resolve as (value: unknown) => void,
          reject,
        };
        // A hung task ends the whole driver: nothing else can interrupt a running Python thread.
        if (timeoutMs > 0)
          entry.timer = setTimeout(() => {
            fail(new EngineCrashError(`${late}; the Python driver was ended with its pool`));
            killGroup(pid);
          }, timeoutMs);
        pending.set(id, entry);
        stdio[3].write(`${JSON.stringify({ id, request })}\n`);
      });
    },
    close(): Promise<void> {
      closing ??= (async () => {
        if (!ended) {
          const grace = setTimeout(() => killGroup(pid), 5_000);
          await driver.request({ op: 'end' }).catch(() => undefined);
          clearTimeout(grace);
        }
        killGroup(pid);
        await exited;
      })();
      return closing;
    },
  };
  return driver;
}
