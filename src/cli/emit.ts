import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { OutputTarget } from '../config/targets.js';
import { describeError, UsageError } from '../errors.js';
import { findReporter } from '../reporters/index.js';
import { writeFileAtomic } from '../results/store.js';
import type { SuiteResult } from '../results/types.js';
import type { Io } from './io.js';

/** Checks, before anything runs, that every --output can be written: its folder exists and is writable. */
export async function checkTargets(targets: readonly OutputTarget[]): Promise<void> {
  for (const { path } of targets) {
    if (!path) continue;
    const dir = dirname(path);
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory()) throw new UsageError(`--output ${path}: the folder ${dir} does not exist`);
    await access(dir, constants.W_OK).catch(() => {
      throw new UsageError(`--output ${path}: the folder ${dir} is not writable`);
    });
    const existing = await stat(path).catch(() => undefined);
    if (existing?.isDirectory()) throw new UsageError(`--output ${path}: is a folder, not a file`);
  }
}

/**
 * Renders the result for every target: stdout, or a file written atomically. A file that cannot be
 * written is reported and the others still go out. Returns false if any failed.
 */
export async function emitResult(
  result: SuiteResult,
  targets: readonly OutputTarget[],
  { color, width, details }: { color: boolean; width?: number; details?: boolean },
  io: Io,
): Promise<boolean> {
  let ok = true;
  for (const target of targets) {
    const reporter = findReporter(target.format);
    if (!reporter) throw new Error(`no reporter for "${target.format}"`);
    if (!target.path) {
      io.stdout.write(reporter.render(result, { color, details, ...(width ? { width } : {}) }));
      continue;
    }
    try {
      // Files never get colour codes, and are not cut to the terminal's width.
      await writeFileAtomic(target.path, reporter.render(result, { color: false, details }));
    } catch (error) {
      ok = false;
      io.stderr.write(`error: could not write ${target.path}: ${describeError(error)}\n`);
    }
  }
  return ok;
}
