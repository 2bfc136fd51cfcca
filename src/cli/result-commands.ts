import type { RawOptions } from '../config/resolve.js';
import { decideColor, decideWidth, resolveConfig } from '../config/resolve.js';
import { resolveTargets, type RawTarget } from '../config/targets.js';
import { EXIT, UsageError } from '../errors.js';
import { FORMAT_NAMES } from '../config/formats.js';
import { COMMANDS } from '../config/options.js';
import { oneOf } from '../config/parse.js';
import type { SuiteResult } from '../results/types.js';
import type { Io } from './io.js';
import { parseLaneChoice } from '../config/trace-options.js';
import { chosenCell } from '../reporters/lanes-key.js';
import { printLanes } from './lanes.js';

const colorFor = (flag: boolean | undefined, io: Io): boolean =>
  decideColor(flag, { env: io.env, stdoutIsTTY: Boolean(io.stdout.isTTY) });

/** `gil-bench report RESULT`: renders a saved result in any format, e.g. `--html report.html`. */
export async function reportCommand(
  file: string,
  raw: {
    html?: string;
    lanes?: string | boolean;
    format?: RawTarget[];
    output?: RawTarget[];
    color?: boolean;
    details?: boolean;
  },
  io: Io,
): Promise<number> {
  const lanes = parseLaneChoice(raw.lanes);
  const [{ loadResult }, { withConclusions }, { checkTargets, emitResult }] = await Promise.all([
    import('../results/load.js'),
    import('../analysis/analyse.js'),
    import('./emit.js'),
  ]);
  // Rendering to files prints nothing else; with no target at all, the table goes to stdout.
  const targets = resolveTargets(
    [...(raw.format ?? raw.output ?? []), ...(raw.html ? [{ format: 'html', output: raw.html }] : [])],
    false,
    FORMAT_NAMES,
    io.cwd,
    false,
  );
  await checkTargets(targets);
  const result = withConclusions(await loadResult(file));
  if (lanes && !chosenCell(result.cells, lanes))
    throw new UsageError(
      `--lanes: ${file} has no traced cell${raw.lanes === true ? '' : ` matching "${String(raw.lanes)}"`} (run with --trace or --lanes)`,
    );
  const width = decideWidth({ stdoutIsTTY: Boolean(io.stdout.isTTY), stdoutColumns: io.stdout.columns, env: io.env });
  const ok = await emitResult(
    result,
    targets,
    { color: colorFor(raw.color, io), width, details: raw.details === true },
    io,
  );
  for (const target of targets) if (target.path && ok) io.stderr.write(`wrote ${target.format} to ${target.path}\n`);
  if (lanes) {
    const toStderr = targets.some((t) => !t.path && t.format !== 'table');
    printLanes(result, lanes, io, { color: colorFor(raw.color, io), toStderr });
  }
  return ok ? EXIT.ok : EXIT.failed;
}

/** `gil-bench merge A.json B.json …`: several machines' runs side by side. */
export async function mergeCommand(
  files: string[],
  raw: { format?: string; color?: boolean },
  io: Io,
): Promise<number> {
  if (files.length < 2) throw new UsageError('merge needs at least two result files');
  const [{ loadResult }, { mergeResults }, { renderMergedMarkdown, renderMergedTable }, { basename }] =
    await Promise.all([
      import('../results/load.js'),
      import('../results/merge.js'),
      import('../reporters/merged.js'),
      import('node:path'),
    ]);
  const format = oneOf('--format', raw.format, COMMANDS.merge.formats, 'table');
  // Columns are named by each run's --label, or by its host and what sets it apart; the file is said beside.
  const runs = await Promise.all(files.map(async (file) => ({ file: basename(file), result: await loadResult(file) })));
  const merged = mergeResults(runs);
  const width = decideWidth({ stdoutIsTTY: Boolean(io.stdout.isTTY), stdoutColumns: io.stdout.columns, env: io.env });
  io.stdout.write(
    format === 'json'
      ? `${JSON.stringify(merged, null, 2)}\n`
      : format === 'markdown'
        ? renderMergedMarkdown(merged)
        : renderMergedTable(merged, colorFor(raw.color, io), width),
  );
  return EXIT.ok;
}

/** " (0.98–1.21)": a speedup's 95% interval, when it has one. */
function intervalText(interval: { low: number; high: number } | undefined): string {
  return interval && interval.low !== interval.high ? ` (${interval.low.toFixed(2)}–${interval.high.toFixed(2)})` : '';
}

/**
 * `gil-bench check [RESULT]`: asserts the shapes that hold on any machine, each only where the
 * measurements meet its premise, and fails only when the speedup's whole 95% interval lies beyond
 * its bound. Without a file it runs a short CPU + I/O suite first. Exit 1 only when a rule that
 * applies fails; a result no rule applies to passes, and says so.
 */
export async function checkCommand(file: string | undefined, raw: RawOptions, io: Io): Promise<number> {
  const [{ withConclusions }, { loadResult }] = await Promise.all([
    import('../analysis/analyse.js'),
    import('../results/load.js'),
  ]);
  if (file) return checkResult(withConclusions(await loadResult(file)), raw, io);
  // Without a file: a short CPU + I/O suite measured now, saved like any run (a partial one too).
  const [{ runJob }, { conclude }, { processFacts }] = await Promise.all([
    import('./lifecycle.js'),
    import('../run/conclude.js'),
    import('./bench.js'),
  ]);
  const { run, output } = resolveConfig('all', { quick: true, workloads: 'primes,sleep', ...raw }, processFacts(io));
  return runJob(
    {
      quiet: output.quiet,
      measure: async (session) => ({ result: conclude((await session.measure(run)).result) }),
      keep: output.save ? { resultsDir: output.resultsDir } : {},
      emit: async () => true,
      judge: (result) => checkResult(result, raw, io),
    },
    io,
  );
}

/**
 * The shape checks of a result, printed: those that apply, then the rules that did not, with why.
 * Exit 1 only when a rule that applies fails; a result no rule applies to passes, and says so.
 */
async function checkResult(result: SuiteResult, raw: RawOptions, io: Io): Promise<number> {
  const { checkShapes } = await import('../analysis/check.js');
  const checks = checkShapes(result);
  const c = (await import('../reporters/format.js')).palette(colorFor(raw.color, io));
  const applied = checks.filter((check) => check.status !== 'n/a');
  for (const check of applied) {
    const mark = check.status === 'pass' ? c.green('pass') : c.red.bold('FAIL');
    io.stdout.write(
      `${mark}  ${check.rule}: ${check.cell} ${check.measured?.toFixed(2)}×${intervalText(check.interval)} (expected ${check.expected})\n`,
    );
  }
  // Rules that did not apply, once per rule and reason, so a reader sees why nothing was asserted.
  const skipped = new Map<string, number>();
  for (const check of checks.filter((check) => check.status === 'n/a')) {
    const key = `${check.rule}: ${check.why ?? ''}`;
    skipped.set(key, (skipped.get(key) ?? 0) + 1);
  }
  for (const [key, n] of skipped) io.stdout.write(c.dim(`n/a   ${key} (${n} cell${n === 1 ? '' : 's'})\n`));
  const failed = applied.filter((check) => check.status === 'fail').length;
  if (applied.length === 0) {
    io.stdout.write('nothing to check: no rule applies to the cells of this result\n');
    return EXIT.ok;
  }
  io.stdout.write(`${applied.length - failed} of ${applied.length} shape checks hold\n`);
  return failed > 0 ? EXIT.failed : EXIT.ok;
}
