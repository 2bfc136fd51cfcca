import { GCProfiler } from 'node:v8';

/**
 * Garbage collection in this thread's isolate over a stretch of work, as V8 times each collection
 * itself (`v8.GCProfiler`): started before the work, read once after it, synchronously (a
 * PerformanceObserver would deliver its entries a timer turn later). Reading costs about 30 µs a
 * collection, so the main thread reads it outside a batch's timing.
 */
export interface GcTimer {
  /** Milliseconds spent collecting since the timer started; the timer stops. */
  stop(): number;
}

export function gcTimer(): GcTimer {
  const profiler = new GCProfiler();
  profiler.start();
  return {
    stop: () => (profiler.stop()?.statistics ?? []).reduce((ms, collection) => ms + collection.cost / 1000, 0),
  };
}
