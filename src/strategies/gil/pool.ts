import { Worker } from 'node:worker_threads';
import { compiledModuleUrl, workerExecArgv } from '../../support/module-url.js';
import { TaskTimeoutError, WorkerCrashError } from '../../errors.js';
import { createLockState, GilLock, MAIN_THREAD_SLOT, reclaimLock, type LockOptions } from './lock.js';
import type { GilWorkerData, TaskReply, TaskRequest, WorkerMessage } from './protocol.js';

export type PoolTask = Omit<TaskRequest, 'type' | 'taskId'>;

interface InFlight {
  request: TaskRequest;
  resolve(reply: TaskReply): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
  timedOut?: boolean;
}

interface Slot {
  id: number;
  worker: Worker;
  busy?: InFlight;
  /** Set once the thread has said it is ready: only then is it given tasks. */
  ready?: boolean;
  stopping?: boolean;
  /** Settles the promise of `spawn`: on the thread's 'ready', or when it ends before. */
  started(error?: Error): void;
}

export interface GilPoolOptions {
  threads: number;
  lock: LockOptions;
  /** A task running longer is ended by terminating its thread. 0 = no limit. */
  taskTimeoutMs: number;
  /** Heap limit per thread, MB; 0 = V8's default. */
  workerMemoryMb?: number;
}

const WORKER_URL = compiledModuleUrl('./worker.js', import.meta.url);

/**
 * N worker threads sharing one simulated GIL. The main thread only dispatches: it never takes the
 * lock and never blocks. A thread that dies is replaced, and the lock it held is reclaimed.
 */
export class GilPool {
  readonly state = createLockState();
  private readonly slots: Slot[] = [];
  private readonly queue: InFlight[] = [];
  private nextTaskId = 0;
  private destroyed = false;
  private broken?: Error;
  /** Cold start: from the first thread spawned until every thread was ready, ms. */
  startupMs = 0;
  /** The main thread's own handle on the lock: it may only `acquireAsync`. */
  readonly mainLock: GilLock;

  private constructor(private readonly options: GilPoolOptions) {
    this.mainLock = new GilLock(this.state, MAIN_THREAD_SLOT, options.lock);
  }

  /** Starts the threads and resolves once every one is ready. */
  static async start(options: GilPoolOptions): Promise<GilPool> {
    const pool = new GilPool(options);
    const start = performance.now();
    try {
      await Promise.all(Array.from({ length: options.threads }, (_, id) => pool.spawn(id)));
      pool.startupMs = performance.now() - start;
    } catch (error) {
      await pool.destroy();
      throw error;
    }
    return pool;
  }

  get threads(): number {
    return this.options.threads;
  }

  /** Why the pool can no longer run tasks (a replacement thread failed to start), if it cannot. */
  get failure(): Error | undefined {
    return this.broken;
  }

  /** Starts the thread of slot `id`; resolves once it is ready, rejects if it ends before. */
  private spawn(id: number): Promise<void> {
    const data: GilWorkerData = { id, state: this.state, lock: this.options.lock };
    const memory = this.options.workerMemoryMb ?? 0;
    const worker = new Worker(WORKER_URL, {
      workerData: data,
      execArgv: workerExecArgv(),
      ...(memory > 0 ? { resourceLimits: { maxOldGenerationSizeMb: memory } } : {}),
    });
    return new Promise<void>((resolve, reject) => {
      const slot: Slot = { id, worker, started: (error) => (error ? reject(error) : resolve()) };
      this.slots[id] = slot;
      worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
      worker.on('error', (error) => this.onExit(slot, `failed to start: ${error.message}`, error));
      worker.on('exit', (code) =>
        this.onExit(slot, `exited during start-up (code ${code})`, new Error(`exited with code ${code}`)),
      );
    });
  }

  /** Runs one task on the next free thread. */
  run(task: PoolTask): Promise<TaskReply> {
    if (this.destroyed) return Promise.reject(new Error('the pool is destroyed'));
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { type: 'task', taskId: this.nextTaskId++, ...task }, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      // A thread still starting gets nothing: if it never starts, nothing would settle its task.
      if (!slot?.ready || slot.busy || slot.stopping) continue;
      const job = this.queue.shift() as InFlight;
      slot.busy = job;
      if (this.options.taskTimeoutMs > 0) {
        job.timer = setTimeout(() => {
          job.timedOut = true;
          void slot.worker.terminate();
        }, this.options.taskTimeoutMs);
      }
      slot.worker.postMessage(job.request);
    }
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.type === 'ready') {
      slot.ready = true;
      slot.started();
      this.dispatch();
      return;
    }
    const job = slot.busy;
    if (!job || job.request.taskId !== message.taskId) return;
    clearTimeout(job.timer);
    slot.busy = undefined;
    job.resolve(message);
    this.dispatch();
  }

  /**
   * A thread ended ('error' then 'exit', or 'exit' alone). Before it was ready, its start fails
   * with `startFailure`; after, its task fails with `cause` and a new thread takes its place.
   */
  private onExit(slot: Slot, startFailure: string, cause: Error): void {
    if (this.slots[slot.id] !== slot || slot.stopping) return;
    slot.stopping = true;
    // The thread's `finally` never ran: free the lock it may hold, and its place among the waiters.
    reclaimLock(this.state, slot.id);
    void slot.worker.terminate();
    if (!slot.ready) {
      slot.started(new WorkerCrashError(`pool thread ${slot.id} ${startFailure}`));
      return;
    }
    const job = slot.busy;
    if (job) {
      clearTimeout(job.timer);
      job.reject(
        job.timedOut
          ? new TaskTimeoutError(`task ran longer than ${this.options.taskTimeoutMs} ms; its thread was stopped`)
          : new WorkerCrashError(`pool thread ${slot.id} died while running a task: ${cause.message}`),
      );
    }
    if (this.destroyed) return;
    this.spawn(slot.id).catch((error: Error) => this.fail(error));
  }

  /**
   * A replacement thread could not start: the pool can no longer run its N threads, so the tasks
   * waiting and all later ones fail with that error rather than run on fewer threads.
   */
  private fail(error: Error): void {
    this.broken = error;
    for (const waiting of this.queue.splice(0)) waiting.reject(error);
  }

  /** Stops every thread; tasks still queued or running are rejected. */
  async destroy(): Promise<void> {
    this.destroyed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the pool was stopped'));
    await Promise.all(
      this.slots.map(async (slot) => {
        if (!slot) return;
        slot.stopping = true;
        if (!slot.ready) slot.started(new Error('the pool was stopped'));
        if (slot.busy) {
          clearTimeout(slot.busy.timer);
          slot.busy.reject(new Error('the pool was stopped'));
        }
        await slot.worker.terminate();
      }),
    );
  }
}
