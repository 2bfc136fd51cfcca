/**
 * CPython's convoy, for a calibration: one thread's I/O beside a CPU-bound thread against the same
 * I/O alone, measured by the Python twin script (workloads/python/gilbench_calibrate.py) in a
 * process group of its own. The twin workloads' speedups come from the Python engine instead
 * (engine/python-engine.ts), in rounds, like the simulation's.
 */
import type { CalibrationSettings } from '../config/calibrate.js';
import { callPython, PythonStopped, type PythonInfo } from './python-bridge.js';

export interface ConvoyFigures {
  aloneP50: number;
  besideP50: number;
}

/** The convoy's p50s, or why CPython's side stopped (Ctrl-C, an error, a timeout). */
export async function measureConvoy(
  python: PythonInfo,
  settings: Pick<CalibrationSettings, 'switchIntervalMs'>,
  signal?: AbortSignal,
): Promise<ConvoyFigures | { stopped: string }> {
  try {
    return await callPython<ConvoyFigures>(
      python.command,
      {
        op: 'convoy',
        switchIntervalMs: settings.switchIntervalMs,
        io: { ops: 20, waitMs: 5 },
        cpu: { from: 0, to: 300_000 },
      },
      { ...(signal ? { signal } : {}) },
    );
  } catch (error) {
    return {
      stopped: error instanceof PythonStopped ? 'stopped' : error instanceof Error ? error.message : String(error),
    };
  }
}
