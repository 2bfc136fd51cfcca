import { calibrationOf } from '../analysis/calibration.js';
import { calibrationConfig, type CalibrationSettings } from '../config/calibrate.js';
import type { PythonInfo } from '../engine/python-bridge.js';
import { measureTwin } from '../engine/python-twin.js';
import type { Calibration, SuiteResult } from '../results/types.js';
import { conclude } from './conclude.js';
import type { Session } from './session.js';

/**
 * A calibration: the simulation, then CPython's twin on the same workloads, then the two side by
 * side. Ctrl-C keeps what was measured (the result is then partial); a failure on CPython's side
 * keeps the simulation's figures and says why in `failure`.
 */
export async function calibrate(
  session: Session,
  python: PythonInfo,
  settings: CalibrationSettings,
  onTwin: () => void = () => undefined,
): Promise<{ result: SuiteResult & { calibration: Calibration }; failure?: string }> {
  const config = calibrationConfig(settings);
  const { result: measured } = await session.measure(config);
  if (!session.stopped) onTwin();
  const twin = session.stopped
    ? { suites: {}, stopped: 'stopped' }
    : await measureTwin(
        python,
        { ...settings, tasks: config.tasks, size: config.size, iterations: config.iterations },
        session.signal,
      );
  const { command, version, implementation, gil } = python;
  const calibration = calibrationOf(measured, twin, { command, version, implementation, gil }, settings.threads);
  const result = { ...conclude({ ...measured, partial: measured.partial || session.stopped }), calibration };
  return { result, ...(twin.stopped && !session.stopped ? { failure: twin.stopped } : {}) };
}
