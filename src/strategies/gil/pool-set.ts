import { GilPool, type GilPoolOptions } from './pool.js';

/**
 * Lock-guarded pools shared by the strategies of a run: gil-threads and async-offload never run at
 * the same time, so they use one pool per configuration instead of starting two.
 */
export class GilPools {
  private readonly pools = new Map<string, Promise<GilPool>>();

  /** The pool for these options, started on first use. */
  get(options: GilPoolOptions): Promise<GilPool> {
    const key = JSON.stringify([
      options.threads,
      options.lock.mode,
      options.lock.switchIntervalMs,
      options.lock.wake ?? 'fifo',
      options.taskTimeoutMs,
      options.workerMemoryMb ?? 0,
    ]);
    let pool = this.pools.get(key);
    if (!pool) {
      pool = GilPool.start(options);
      // A pool that failed to start is not kept: the next strategy may try again.
      pool.catch(() => this.pools.delete(key));
      this.pools.set(key, pool);
    }
    return pool;
  }

  /** Stops every pool. */
  async destroy(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map(async (pool) => (await pool.catch(() => undefined))?.destroy()));
  }
}
