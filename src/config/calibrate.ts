import { WAKE_ORDERS, type WakeOrder } from '../strategies/names.js';
import { DEFAULTS, LIMITS } from './defaults.js';
import { decimal, integer, oneOf } from './parse.js';
import { checkPythonPath } from './python-path.js';
import type { RunConfig } from './types.js';
import { CALIBRATE_TWINS, pythonFile } from '../../workloads/python-files.js';

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
export const CALIBRATED_WORKLOADS = ['primes', 'fib', 'native-hash', 'sleep', 'convoy', 'responsiveness'];

/**
 * A calibration's run: each simulated workload and, with `python`, its CPython twin beside it in one
 * unit (a Python workload module run by the Python engine in that interpreter), their rounds taking
 * turns, so that both sides meet the machine in the same minutes, with the same rounds, thread count
 * and switch interval.
 */
export function calibrationConfig(settings: CalibrationSettings, python?: string): RunConfig {
  const { quick } = settings;
  return {
    suite: 'all',
    workloads: CALIBRATED_WORKLOADS.flatMap((name) => {
      const twin = python === undefined ? undefined : CALIBRATE_TWINS[name];
      return twin ? [{ name }, { name: twin, file: pythonFile(twin), twinOf: name }] : [{ name }];
    }),
    ...(python === undefined ? {} : { python }),
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
    // The run's notes then say what --quick traded away, once, instead of warning of few batches.
    ...(quick ? { quick: true } : {}),
  };
}

/** `calibrate`'s options as the command line gives them. */
export interface RawCalibrateOptions {
  python?: string;
  quick?: boolean;
  threads?: string;
  switchInterval?: string;
  gilWake?: string;
  seed?: string;
}

/** Checks calibrate's options; the interpreter decides `gil` once it has been asked. */
export function resolveCalibration(
  raw: RawCalibrateOptions,
  availableParallelism: number,
  cwd: string = process.cwd(),
): Omit<CalibrationSettings, 'gil'> & { python: string } {
  return {
    python: raw.python === undefined ? 'python3' : checkPythonPath(raw.python, cwd),
    quick: raw.quick === true,
    threads: integer('--threads', raw.threads, Math.max(2, availableParallelism), 1, LIMITS.maxThreads),
    seed: integer('--seed', raw.seed, DEFAULTS.seed, 0, 0xffff_ffff),
    switchIntervalMs: decimal(
      '--switch-interval',
      raw.switchInterval,
      DEFAULTS.switchIntervalMs,
      LIMITS.minSwitchIntervalMs,
      LIMITS.maxSwitchIntervalMs,
    ),
    wake: oneOf<WakeOrder>('--gil-wake', raw.gilWake, WAKE_ORDERS, 'fifo'),
  };
}
