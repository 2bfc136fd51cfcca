import { Script } from 'node:vm';
import { TaskTimeoutError } from '../errors.js';
import { withinDeadline } from './deadlines.js';

const SLOT = Symbol.for('gil-bench.task');
const CALL = new Script("globalThis[Symbol.for('gil-bench.task')]()", { filename: 'gil-bench-task' });

/** The error a task stopped at its limit fails with. */
export const taskTimedOut = (ms: number): TaskTimeoutError =>
  new TaskTimeoutError(`task ran longer than ${ms} ms and was stopped`);

/**
 * Runs fn's synchronous part under V8's execution timeout, which stops even an endless loop and
 * answers Ctrl-C. The guard costs about 0.15 ms a call here (a watchdog thread for the timeout, a
 * SIGINT watch): callers with many short tasks run a stretch of them under one call, whose
 * timeout is then longer than the task's limit that the error names.
 */
export function callGuarded<T>(fn: () => T, timeoutMs: number, taskLimitMs = timeoutMs): T {
  const global = globalThis as Record<symbol, unknown>;
  global[SLOT] = fn;
  try {
    return CALL.runInThisContext({ timeout: timeoutMs, breakOnSigint: true }) as T;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw taskTimedOut(taskLimitMs);
    if (code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED') {
      // Node turns off SIGINT handlers while the task runs: deliver the Ctrl-C again, to the CLI's.
      setImmediate(() => process.kill(process.pid, 'SIGINT'));
      throw new Error('interrupted by Ctrl-C');
    }
    throw error;
  } finally {
    delete global[SLOT];
  }
}

/** A task's asynchronous part, raced against what is left of its timeout (`timeoutMs` names the limit in the error). */
export function settleWithin<T>(value: Promise<T>, leftMs: number, timeoutMs: number): Promise<T> {
  return withinDeadline(value, leftMs, () => taskTimedOut(timeoutMs));
}
