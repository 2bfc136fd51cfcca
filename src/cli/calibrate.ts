import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { decideColor, decideWidth, decimal, integer } from '../config/resolve.js';
import { resolveTargets, type RawTarget } from '../config/targets.js';
import { DEFAULTS, LIMITS } from '../config/defaults.js';
import { describeError, EXIT } from '../errors.js';
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

/** `gil-bench calibrate`: the simulation beside real CPython on this machine. */
export async function calibrateCommand(raw: CalibrateOptions, io: Io): Promise<number> {
  const threads = integer('--threads', raw.threads, Math.max(2, availableParallelism()), 1, LIMITS.maxThreads);
  const seed = integer('--seed', raw.seed, DEFAULTS.seed, 0, 0xffff_ffff);
  const switchIntervalMs = decimal(
    '--switch-interval',
    raw.switchInterval,
    DEFAULTS.switchIntervalMs,
    LIMITS.minSwitchIntervalMs,
    LIMITS.maxSwitchIntervalMs,
  );
  const wake = oneOf<WakeOrder>('--gil-wake', raw.gilWake, WAKE_ORDERS, 'fifo');
  const targets = resolveTargets(raw.format ?? raw.output ?? [], raw.json === true, FORMAT_NAMES, io.cwd);
  const [
    { findPython },
    { runCalibration },
    { analyse },
    { checkTargets, emitResult },
    { saveResult },
    { createProgress, progressStyle },
  ] = await Promise.all([
    import('../measure/python-bridge.js'),
    import('../measure/calibrate.js'),
    import('../analysis/analyse.js'),
    import('./emit.js'),
    import('../results/store.js'),
    import('../output/progress.js'),
  ]);
  await checkTargets(targets);
  const python = await findPython(raw.python ?? 'python3');
  if (raw.quiet !== true)
    io.stderr.write(
      `calibrating against ${python.implementation} ${python.version}${python.gil ? '' : ' (free-threaded)'} (${python.command})…\n`,
    );
  const progress = createProgress(io.stderr, progressStyle(raw.quiet === true, io.env));
  const measured = await runCalibration(
    { python, quick: raw.quick === true, threads, switchIntervalMs, wake, seed },
    { onProgress: (event) => progress.update(event) },
  );
  const result = { ...analyse(measured), calibration: measured.calibration };
  progress.clear();
  const color = decideColor(raw.color, { env: io.env, stdoutIsTTY: Boolean(io.stdout.isTTY) });
  const width = decideWidth({ stdoutIsTTY: Boolean(io.stdout.isTTY), stdoutColumns: io.stdout.columns, env: io.env });
  let code = (await emitResult(result, targets, { color, width }, io)) ? EXIT.ok : EXIT.failed;
  if (raw.save !== false) {
    const dir = resolve(io.cwd, raw.resultsDir ?? 'bench-results');
    try {
      const path = await saveResult({ ...result, suite: 'calibrate' } as typeof result, dir);
      if (raw.quiet !== true) io.stderr.write(`result saved to ${path}\n`);
    } catch (error) {
      io.stderr.write(`error: could not save the result in ${dir}: ${describeError(error)}\n`);
      code = EXIT.failed;
    }
  }
  return code;
}
