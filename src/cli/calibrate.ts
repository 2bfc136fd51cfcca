import { availableParallelism } from 'node:os';
import { decideColor, decideWidth, resultsDirOf } from '../config/resolve.js';
import { resolveTargets, type RawTarget } from '../config/targets.js';
import { resolveCalibration, type RawCalibrateOptions } from '../config/calibrate.js';
import { FORMAT_NAMES } from '../config/formats.js';
import type { Io } from './io.js';

export interface CalibrateOptions extends RawCalibrateOptions {
  save?: boolean;
  resultsDir?: string;
  quiet?: boolean;
  json?: boolean;
  color?: boolean;
  format?: RawTarget[];
  output?: RawTarget[];
}

/**
 * `gil-bench calibrate`: the simulation beside real CPython on this machine. Ctrl-C keeps what was
 * measured; a failure on CPython's side keeps the simulation's result.
 */
export async function calibrateCommand(raw: CalibrateOptions, io: Io): Promise<number> {
  const { python: command, ...settings } = resolveCalibration(raw, availableParallelism());
  const targets = resolveTargets(raw.format ?? raw.output ?? [], raw.json === true, FORMAT_NAMES, io.cwd);
  const [{ describePython }, { checkTargets, emitResult }, { runJob }, { calibrate }, legacy] = await Promise.all([
    import('../engine/python-twin.js'),
    import('./emit.js'),
    import('./lifecycle.js'),
    import('../run/calibration.js'),
    import('../engine/python-legacy.js'),
  ]);
  await checkTargets(targets);
  const python = await describePython(command);
  const old = await legacy.legacyPlan(legacy.findLegacyPython(io.env));
  const quiet = raw.quiet === true;
  if (!quiet)
    io.stderr.write(
      `calibrating against ${python.implementation} ${python.version}${python.gil ? '' : ' (free-threaded)'} (${python.command}), each workload beside its CPython twin${old ? `, and --gil legacy beside CPython ${old.version}` : ''}…\n`,
    );
  const color = decideColor(raw.color, { env: io.env, stdoutIsTTY: Boolean(io.stdout.isTTY) });
  const width = decideWidth({ stdoutIsTTY: Boolean(io.stdout.isTTY), stdoutColumns: io.stdout.columns, env: io.env });
  return runJob(
    {
      quiet,
      async measure(session) {
        const { result, failure } = await calibrate(session, python, { ...settings, gil: python.gil !== false }, old);
        return failure
          ? { result, failure: `CPython's side stopped: ${failure}; the simulation's figures are kept` }
          : { result };
      },
      keep: raw.save === false ? {} : { resultsDir: resultsDirOf(raw.resultsDir, io.cwd) },
      emit: (result) => emitResult(result, targets, { color, width }, io),
    },
    io,
  );
}
