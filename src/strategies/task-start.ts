/**
 * When a task starts running in a pool thread. A task's timeout counts from then, not from its
 * submission, as the lock-guarded pool's does from dispatch: a task queued behind others does not
 * time out while it waits for a thread.
 */

const WAITING = 0;
const RUNNING = 1;
const SETTLED = 2;

/** Called in the pool thread as it starts the task: the task's clock starts now. */
export function markStarted(flag: SharedArrayBuffer | undefined): void {
  if (!flag) return;
  const cell = new Int32Array(flag);
  Atomics.store(cell, 0, RUNNING);
  Atomics.notify(cell, 0);
}

export interface StartTimeout {
  /** Goes with the task to its thread, for `markStarted`. */
  flag: SharedArrayBuffer;
  /** Aborts `ms` after the task started. */
  signal: AbortSignal;
  /** Call once the task has settled: stops the clock, and ends the wait for a start that will not come. */
  settle(): void;
}

/** A timeout of `ms` that starts when the task's thread calls `markStarted`. */
export function timeoutFromStart(ms: number): StartTimeout {
  const flag = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const cell = new Int32Array(flag);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    if (Atomics.load(cell, 0) === RUNNING) timer = setTimeout(() => controller.abort(), ms);
  };
  const started = Atomics.waitAsync(cell, 0, WAITING);
  if (started.async) void started.value.then(arm);
  else arm();
  return {
    flag,
    signal: controller.signal,
    settle() {
      Atomics.store(cell, 0, SETTLED);
      Atomics.notify(cell, 0);
      clearTimeout(timer);
    },
  };
}
