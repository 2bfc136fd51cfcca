import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { decideColor, decideWidth, decimal, integer } from '../config/resolve.js';
import { resolveTargets, type RawTarget } from '../config/targets.js';
import { DEFAULTS, LIMITS } from '../config/defaults.js';
import type { CalibrationSettings } from '../config/calibrate.js';
import { EXIT } from '../errors.js';
import { FORMAT_NAMES } from '../config/formats.js';
import type { Io } from './io.js';
import { oneOf } from '../config/parse.js';
import { WAKE_ORDERS, type WakeOrder } from '../strategies/names.js';

export interface CalibrateOptions {
  python?: string;
  quick?: boolean;
  threads?: string;
  switchInterval?: string;
  gilWake?: string;
  seed?: string;
  save?: boolean;
  resultsDir?: string;
  quiet?: boolean;
  json?: boolean;
  color?: boolean;
  format?: RawTarget[];
  output?: RawTarget[];
}

function settingsOf(raw: CalibrateOptions): Omit<CalibrationSettings, 'gil'> {
  return {
    quick: raw.quick === true,
    threads: integer('--threads', raw.threads, Math.max(2, availableParallelism()), 1, LIMITS.maxThreads),
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

/**
 * `gil-bench calibrate`: the simulation beside real CPython on this machine. Ctrl-C keeps what was
 * measured; a failure on CPython's side keeps the simulation's result.
 */
export async function calibrateCommand(raw: CalibrateOptions, io: Io): Promise<number> {
  const partial = settingsOf(raw);
  const targets = resolveTargets(raw.format ?? raw.output ?? [], raw.json === true, FORMAT_NAMES, io.cwd);
  const [{ findPython }, { measureTwin }, { calibrationConfig }, { calibrationOf }, { checkTargets, emitResult }] =
    await Promise.all([
      import('../engine/python-bridge.js'),
      import('../engine/python-twin.js'),
      import('../config/calibrate.js'),
      import('../analysis/calibration.js'),
      import('./emit.js'),
    ]);
  await checkTargets(targets);
  const python = await findPython(raw.python ?? 'python3');
  const quiet = raw.quiet === true;
  if (!quiet)
    io.stderr.write(
      `calibrating against ${python.implementation} ${python.version}${python.gil ? '' : ' (free-threaded)'} (${python.command})…\n`,
    );
  const settings = { ...partial, gil: python.gil };
  const config = calibrationConfig(settings);
  const [{ Session }, { conclude }] = await Promise.all([import('../run/session.js'), import('../run/conclude.js')]);
  const session = new Session(io, quiet);
  try {
    const { result: measured } = await session.measure(config);
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
    if (twin.stopped && !session.stopped)
      io.stderr.write(`error: CPython's side stopped: ${twin.stopped}; the simulation's figures are kept\n`);
    const color = decideColor(raw.color, { env: io.env, stdoutIsTTY: Boolean(io.stdout.isTTY) });
    const width = decideWidth({ stdoutIsTTY: Boolean(io.stdout.isTTY), stdoutColumns: io.stdout.columns, env: io.env });
    const emitted = await emitResult(result, targets, { color, width }, io);
    const dir = resolve(io.cwd, raw.resultsDir ?? 'bench-results');
    const saved = raw.save === false || (await session.save({ ...result, suite: 'calibrate' }, dir));
    const code = session.exitCode(result);
    return code !== EXIT.ok ? code : emitted && saved && !twin.stopped ? EXIT.ok : EXIT.failed;
  } finally {
    session.close();
  }
}
