import { compareResults, gateExitCode, type CompareMetric, type Comparison } from '../results/compare.js';
import type { SuiteResult } from '../results/types.js';
import { decideColor } from '../config/resolve.js';
import { UsageError } from '../errors.js';
import type { Io } from './io.js';

/** Options shared by `compare` and by benchmark commands given --baseline. */
export interface GateOptions {
  metric?: string;
  threshold?: string;
  failOnRegression?: string | boolean;
  format?: string;
  color?: boolean;
}

export interface Gate {
  metric: CompareMetric;
  thresholdPct: number;
  /** When set, regressions and undecidable data change the exit code. */
  enforce: boolean;
}

const DEFAULT_THRESHOLD_PCT = 15;

function percent(flag: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0 || value > 1000)
    throw new UsageError(`${flag} must be a percentage above 0 (got "${raw}")`);
  return value;
}

/** Checks --metric, --threshold and --fail-on-regression. */
export function resolveGate(raw: GateOptions): Gate {
  const metric = raw.metric ?? 'speedup';
  if (metric !== 'speedup' && metric !== 'time')
    throw new UsageError(`--metric must be one of speedup, time (got "${metric}")`);
  const enforce = raw.failOnRegression !== undefined && raw.failOnRegression !== false;
  const thresholdPct =
    typeof raw.failOnRegression === 'string'
      ? percent('--fail-on-regression', raw.failOnRegression)
      : raw.threshold !== undefined
        ? percent('--threshold', raw.threshold)
        : DEFAULT_THRESHOLD_PCT;
  return { metric, thresholdPct, enforce };
}

/** Compares, prints the comparison (stdout, or stderr when stdout carries another format), and returns the exit code. */
export async function reportComparison(
  base: SuiteResult,
  head: SuiteResult,
  gate: Gate,
  raw: GateOptions,
  io: Io,
  toStderr = false,
): Promise<number> {
  const { renderComparisonMarkdown, renderComparisonTable } = await import('../reporters/comparison.js');
  const comparison: Comparison = compareResults(base, head, gate);
  const stream = toStderr ? io.stderr : io.stdout;
  const format = raw.format ?? 'table';
  if (format === 'json') stream.write(`${JSON.stringify(comparison, null, 2)}\n`);
  else if (format === 'markdown') stream.write(renderComparisonMarkdown(comparison));
  else
    stream.write(
      renderComparisonTable(comparison, decideColor(raw.color, { env: io.env, stdoutIsTTY: Boolean(stream.isTTY) })),
    );
  if (!gate.enforce) return 0;
  const code = gateExitCode(comparison);
  if (code === 1)
    io.stderr.write(
      `error: regression beyond ${gate.thresholdPct}%: ${comparison.changes
        .filter((c) => c.label === 'regressed')
        .map((c) => c.id)
        .join(', ')}\n`,
    );
  if (code === 3) {
    const undecided = comparison.changes.filter((c) => c.label === 'inconclusive');
    io.stderr.write(
      `error: cannot decide: ${undecided.map((c) => `${c.id} (${c.reason ?? 'inconclusive'})`).join('; ')}\n`,
    );
  }
  return code;
}

export interface CompareOptions extends GateOptions {
  resultsDir?: string;
  save?: boolean;
  quiet?: boolean;
}

/** `gil-bench compare BASE [HEAD]`: HEAD defaults to a run made now with BASE's configuration. */
export async function compareCommand(
  baseArg: string,
  headArg: string | undefined,
  raw: CompareOptions,
  io: Io,
): Promise<number> {
  const [{ resolve }, { loadResult, resolveResultPath }] = await Promise.all([
    import('node:path'),
    import('../results/load.js'),
  ]);
  const gate = resolveGate(raw);
  const resultsDir = resolve(io.cwd, raw.resultsDir ?? 'bench-results');
  const base = await loadResult(resolveResultPath(baseArg, resultsDir));
  let head: SuiteResult;
  if (headArg) {
    head = await loadResult(resolveResultPath(headArg, resultsDir));
  } else {
    const [{ runSuite }, { saveResult }, { createProgress, progressStyle }] = await Promise.all([
      import('../measure/runner.js'),
      import('../results/store.js'),
      import('../output/progress.js'),
    ]);
    const progress = createProgress(io.stderr, progressStyle(raw.quiet === true, io.env));
    const { analyse } = await import('../analysis/analyse.js');
    head = analyse(await runSuite(base.config, { onProgress: (event) => progress.update(event) }));
    progress.clear();
    if (raw.save !== false) io.stderr.write(`result saved to ${await saveResult(head, resultsDir)}\n`);
  }
  return reportComparison(base, head, gate, raw, io);
}
