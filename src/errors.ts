/**
 * Error kinds and exit codes. Only `cli/main.ts` turns these into an exit; everything else throws.
 */

/** Exit codes: documented in the README and `--help`. */
export const EXIT = {
  ok: 0,
  /** A cell errored or its results differ from sequential's, or a regression was found. */
  failed: 1,
  /** Bad input: a flag, a file, a workload module. */
  usage: 2,
  /** The data is too noisy to decide. */
  inconclusive: 3,
  sigint: 130,
  sigterm: 143,
} as const;

/** What each exit code means, in the order `--help` lists them: one line of text per code. */
export const EXIT_MEANINGS: ReadonlyArray<readonly [code: number, meaning: string]> = [
  [EXIT.ok, 'ok'],
  [EXIT.failed, 'a cell failed or gave wrong results, or a regression beyond --fail-on-regression'],
  [EXIT.usage, 'bad input (one line on stderr, nothing written)'],
  [EXIT.inconclusive, 'the data cannot decide a --fail-on-regression gate'],
  [EXIT.sigint, 'interrupted (Ctrl-C)'],
  [EXIT.sigterm, 'terminated (SIGTERM)'],
];

/** Bad input from the user. The message is one line and names the flag or file. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A worker thread died (process.exit, an uncaught error, out of memory) while running a task. */
export class WorkerCrashError extends Error {
  override name = 'WorkerCrashError';
}

/** A task ran past --task-timeout; its worker was terminated. */
export class TaskTimeoutError extends Error {
  override name = 'TaskTimeoutError';
}

/** One line describing any thrown value, for result files and the terminal. */
export function describeError(error: unknown): string {
  if (error instanceof Error)
    return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`.split('\n')[0] ?? '';
  return String(error);
}

/** An engine's process ended while the scheduler was waiting on it (a crash, a kill, out of memory). */
export class EngineCrashError extends Error {
  override name = 'EngineCrashError';
}
