import type { RunConfig } from './types.js';
import type { WakeOrder } from '../strategies/names.js';

export interface CalibrationSettings {
  quick: boolean;
  threads: number;
  switchIntervalMs: number;
  /** Which waiter a release of the simulated lock wakes. */
  wake: WakeOrder;
  seed: number;
  /** False when the interpreter is a free-threaded build with the GIL off: the simulation runs --gil none. */
  gil: boolean;
}

/** The workloads calibrate lines up with their CPython twins, and the convoy and loop-lag probes. */
export const CALIBRATED_WORKLOADS = ['primes', 'fib', 'native-hash', 'sleep', 'http', 'convoy', 'responsiveness'];

/** The simulation's side of a calibration: the same workloads, thread count and switch interval as CPython's. */
export function calibrationConfig(settings: CalibrationSettings): RunConfig {
  const { quick } = settings;
  return {
    suite: 'all',
    workloads: CALIBRATED_WORKLOADS.map((name) => ({ name })),
    strategies: ['sequential', 'gil-threads', 'async', 'workers', 'async-offload'],
    threads: [settings.threads],
    tasks: quick ? 4 : 8,
    size: quick ? 's' : 'm',
    iterations: quick ? 3 : 5,
    maxIterations: quick ? 6 : 10,
    timeMs: 0,
    warmup: 1,
    warmupMs: quick ? 100 : 200,
    seed: settings.seed,
    gil: settings.gil ? 'cpython' : 'none',
    switchIntervalMs: settings.switchIntervalMs,
    gilWake: settings.wake,
    taskTimeoutMs: 60_000,
    workerMemoryMb: 0,
    order: 'interleaved',
    // The Python twin's speedups are ratios of medians: gil-bench's side must be too.
    estimator: 'median',
    probe: true,
  };
}
