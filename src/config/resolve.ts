import { isAbsolute, resolve as resolvePath } from 'node:path';
import { CATALOGUE } from '../../workloads/catalogue.js';
import { SIZES, type SizeName } from '../../workloads/types.js';
import { UsageError } from '../errors.js';
import {
  GIL_MODES,
  isStrategyName,
  STRATEGY_NAMES,
  WAKE_ORDERS,
  type GilMode,
  type StrategyName,
  type WakeOrder,
} from '../strategies/names.js';
import { DEFAULTS, LIMITS, QUICK, QUICK_MODULE, QUICK_PYTHON } from './defaults.js';
import { decimal, integer, list, oneOf } from './parse.js';
import { didYouMean } from './suggest.js';

export { decimal, integer } from './parse.js';
import { FORMAT_NAMES } from './formats.js';
import { decideColor, decideWidth, resultsDirOf, type ProcessFacts } from './process.js';

export { decideColor, decideWidth, resultsDirOf, type ProcessFacts } from './process.js';
import { resolveTargets, type RawTarget } from './targets.js';
import type { Estimator, OutputOptions, RunConfig, RunOrder, SuiteName, WorkloadSpec } from './types.js';
import { ESTIMATORS } from '../stats/estimate.js';
import { resolveTracing } from './trace-options.js';
import { checkPythonPath } from './python-path.js';

/** Options as the command line gives them: strings, unparsed. */
export interface RawOptions {
  strategies?: string;
  workloads?: string;
  workload?: string[];
  ioRatio?: string;
  threads?: string;
  tasks?: string;
  size?: string;
  iterations?: string;
  maxIterations?: string;
  time?: string;
  warmup?: string;
  warmupTime?: string;
  seed?: string;
  gil?: string;
  switchInterval?: string;
  gilWake?: string;
  taskTimeout?: string;
  workerMemory?: string;
  asyncLimit?: string;
  order?: string;
  estimator?: string;
  quick?: boolean;
  json?: boolean;
  details?: boolean;
  label?: string;
  /** --format and --output fill the same list, in command-line order. */
  format?: RawTarget[];
  output?: RawTarget[];
  color?: boolean;
  quiet?: boolean;
  probe?: boolean;
  isolate?: boolean;
  save?: boolean;
  resultsDir?: string;
  /** Two versions side by side (config/against.ts): read by the CLI, not by the run. */
  against?: string;
  pairs?: string;
  gateBudget?: string;
  alternate?: string;
  /** Comparing with a baseline: read by the CLI, not by the run. */
  baseline?: string;
  saveBaseline?: string;
  metric?: string;
  threshold?: string;
  failOnRegression?: string | boolean;
  /** --trace FILE and --lanes [CELL]: the traced batch (config/trace-options.ts). */
  trace?: string;
  lanes?: string | boolean;
  python?: string;
  twin?: string;
}

const ORDERS: readonly RunOrder[] = ['interleaved', 'sequential'];

function parseThreads(raw: string | undefined, cores: number): number[] {
  if (raw === undefined) return [Math.max(2, cores)];
  const items = list('--threads', raw);
  if (items.length === 0) throw new UsageError(`--threads needs a number or a list like 1,2,4 (got "${raw}")`);
  const counts = items.map((item) => integer('--threads', item, 0, 1, LIMITS.maxThreads));
  if (new Set(counts).size !== counts.length) throw new UsageError(`--threads lists a count twice (got "${raw}")`);
  return counts;
}

function parseStrategies(raw: string | undefined): StrategyName[] {
  if (raw === undefined) return [...STRATEGY_NAMES];
  const names = list('--strategies', raw);
  if (names.length === 0) throw new UsageError(`--strategies needs at least one name (got "${raw}")`);
  for (const name of names) {
    if (!isStrategyName(name)) {
      throw new UsageError(
        `--strategies: unknown strategy "${name}"${didYouMean(name, STRATEGY_NAMES)}; run "gil-bench list" to see them`,
      );
    }
  }
  // Sequential always runs: it is the reference for checksums and speedups.
  return [...new Set<StrategyName>(['sequential', ...(names as StrategyName[])])];
}

function parseIoRatios(raw: string | undefined): number[] {
  if (raw === undefined) return [];
  const items = list('--io-ratio', raw);
  if (items.length === 0)
    throw new UsageError(`--io-ratio needs a number from 0 to 1 or a list like 0,0.5,1 (got "${raw}")`);
  return items.map((item) => decimal('--io-ratio', item, 0, 0, 1));
}

function parseWorkloads(
  suite: SuiteName,
  raw: string | undefined,
  files: string[] | undefined,
  ioRatio: string | undefined,
  cwd: string,
): WorkloadSpec[] {
  // Parameterised workloads run only when their parameter is given.
  const inSuite = CATALOGUE.filter((w) => (suite === 'all' || suite === 'run' || w.kind === suite) && !w.parameter);
  const specs: WorkloadSpec[] = parseIoRatios(ioRatio).map((value) => ({ name: 'ratio', ioRatio: value }));
  if (raw !== undefined) {
    const names = list('--workloads', raw);
    if (names.length === 0) throw new UsageError(`--workloads needs at least one name (got "${raw}")`);
    for (const name of names) {
      const found = CATALOGUE.find((w) => w.name === name);
      // A file where a built-in's name goes: the user meant --workload, which runs a module.
      if (!found && /[/\\]|\.([cm]?[jt]s|py)$/.test(name))
        throw new UsageError(
          `--workloads takes built-in names; to run the module "${name}", use --workload (singular): gil-bench run --workload ${name}`,
        );
      if (!found) {
        throw new UsageError(
          `--workloads: unknown workload "${name}"${didYouMean(
            name,
            CATALOGUE.map((w) => w.name),
          )}; run "gil-bench list" to see them`,
        );
      }
      if (found.parameter) throw new UsageError(`--workloads: "${name}" runs with --io-ratio, e.g. --io-ratio 0,0.5,1`);
      if (!inSuite.includes(found))
        throw new UsageError(
          `--workloads: "${name}" is a ${found.kind} workload; run it with "gil-bench ${found.kind}"`,
        );
      specs.push({ name });
    }
  }
  for (const file of files ?? []) {
    const path = isAbsolute(file) ? file : resolvePath(cwd, file);
    specs.push({ name: file, file: path });
  }
  if (specs.length > 0) return specs;
  if (suite === 'run') throw new UsageError('run needs --workload FILE or --workloads NAME');
  return inSuite.map((w) => ({ name: w.name }));
}

/** The run's workloads with --twin's JavaScript module after them: the simulation of a Python one. */
function withTwin(workloads: WorkloadSpec[], twin: string | undefined, cwd: string): WorkloadSpec[] {
  if (twin === undefined) return workloads;
  const python = workloads.find((w) => w.file?.endsWith('.py'));
  if (!python)
    throw new UsageError('--twin needs a Python workload to stand beside: --workload FILE.py --twin FILE.js');
  if (twin.endsWith('.py'))
    throw new UsageError(`--twin is the simulation's side, a JavaScript module (got "${twin}")`);
  // Measured in one unit with the (first) Python workload, their rounds taking turns.
  return [...workloads, { name: twin, file: isAbsolute(twin) ? twin : resolvePath(cwd, twin), twinOf: python.name }];
}

/** The interpreters of a run's Python workload modules: --python (one, or a comma-separated list), else python3. */
function pythonOf(
  raw: string | undefined,
  workloads: readonly WorkloadSpec[],
  cwd: string,
): Pick<RunConfig, 'python' | 'pythons'> {
  const python = workloads.some((w) => w.file?.endsWith('.py'));
  if (!python) {
    if (raw !== undefined) throw new UsageError('--python needs a Python workload: --workload FILE.py');
    return {};
  }
  const list = (raw ?? 'python3').split(',').map((p) => p.trim());
  if (list.some((p) => p === ''))
    throw new UsageError('--python needs an interpreter, e.g. --python python3.12, or a list: python3.11,python3.13t');
  const repeated = list.find((p, i) => list.indexOf(p) !== i);
  if (repeated !== undefined) throw new UsageError(`--python names "${repeated}" twice`);
  const checked = raw === undefined ? list : list.map((python) => checkPythonPath(python, cwd));
  return { python: checked[0] as string, ...(checked.length > 1 ? { pythons: checked } : {}) };
}

/** A run's name: one short line of printable text. */
function parseLabel(raw: string): string {
  const label = raw.trim();
  // eslint-disable-next-line no-control-regex
  if (label === '' || label.length > 60 || /[\u0000-\u001f\u007f]/.test(label))
    throw new UsageError(`--label must be 1 to 60 printable characters on one line (got "${raw}")`);
  return label;
}

/** --tasks fixes the count; without it each workload's count is sized by time, from a floor of two per thread. */
function taskCount(
  raw: string | undefined,
  base: { tasks: number; tasksPerThread: number; batchMs: number },
  threads: readonly number[],
): Pick<RunConfig, 'tasks' | 'batchMs'> {
  if (raw !== undefined) return { tasks: integer('--tasks', raw, base.tasks, 1, LIMITS.maxTasks) };
  return { tasks: base.tasksPerThread * Math.max(...threads), batchMs: base.batchMs };
}

/** Checks every option and returns a complete, typed configuration. Errors name the flag. */
export function resolveConfig(
  suite: SuiteName,
  raw: RawOptions,
  facts: ProcessFacts,
): { run: RunConfig; output: OutputOptions } {
  const quick = raw.quick === true;
  const workloads = withTwin(
    parseWorkloads(suite, raw.workloads, raw.workload, raw.ioRatio, facts.cwd),
    raw.twin,
    facts.cwd,
  );
  const python = workloads.some((w) => w.file?.endsWith('.py'));
  const module = workloads.some((w) => w.file !== undefined && !w.file.endsWith('.py'));
  const base = quick
    ? { ...DEFAULTS, ...QUICK, ...(module ? QUICK_MODULE : {}), ...(python ? QUICK_PYTHON : {}) }
    : DEFAULTS;
  // A baseline is taken once and judged against by every later run: its own spread bounds each of
  // their decisions, so by default it takes twice the rounds.
  const rounds = raw.saveBaseline !== undefined ? 2 * base.iterations : base.iterations;
  const iterations = integer('--iterations', raw.iterations, rounds, 1, LIMITS.maxIterations);
  const threads = parseThreads(raw.threads, facts.availableParallelism);
  const timeMs = integer('--time', raw.time, base.workloadTimeMs * workloads.length, 0, LIMITS.maxTimeMs);
  const run: RunConfig = {
    suite,
    workloads,
    strategies: parseStrategies(raw.strategies),
    threads,
    ...taskCount(raw.tasks, base, threads),
    size: oneOf<SizeName>('--size', raw.size, SIZES, base.size),
    iterations,
    maxIterations: integer(
      '--max-iterations',
      raw.maxIterations,
      Math.max(iterations, timeMs > 0 ? DEFAULTS.maxIterations : Math.min(2 * iterations, LIMITS.maxIterations)),
      iterations,
      LIMITS.maxIterations,
    ),
    timeMs,
    warmup: integer('--warmup', raw.warmup, base.warmup, 0, LIMITS.maxWarmup),
    warmupMs: integer('--warmup-time', raw.warmupTime, base.warmupMs, 0, LIMITS.maxTimeMs),
    seed: integer('--seed', raw.seed, DEFAULTS.seed, 0, 0xffff_ffff),
    gil: oneOf<GilMode>('--gil', raw.gil, GIL_MODES, 'cpython'),
    ...(raw.gilWake !== undefined ? { gilWake: oneOf<WakeOrder>('--gil-wake', raw.gilWake, WAKE_ORDERS, 'fifo') } : {}),
    switchIntervalMs: decimal(
      '--switch-interval',
      raw.switchInterval,
      DEFAULTS.switchIntervalMs,
      LIMITS.minSwitchIntervalMs,
      LIMITS.maxSwitchIntervalMs,
    ),
    taskTimeoutMs: integer('--task-timeout', raw.taskTimeout, DEFAULTS.taskTimeoutMs, 0, LIMITS.maxTaskTimeoutMs),
    workerMemoryMb:
      raw.workerMemory === undefined
        ? 0
        : integer('--worker-memory', raw.workerMemory, 0, LIMITS.minWorkerMemoryMb, LIMITS.maxWorkerMemoryMb),
    ...(raw.asyncLimit !== undefined
      ? { asyncLimit: integer('--async-limit', raw.asyncLimit, 1, 1, LIMITS.maxTasks) }
      : {}),
    order: oneOf<RunOrder>('--order', raw.order, ORDERS, 'interleaved'),
    estimator: oneOf<Estimator>('--estimator', raw.estimator, ESTIMATORS, DEFAULTS.estimator),
    // --quick's first look skips the half second the free-core probe takes.
    probe: !quick && raw.probe !== false,
    ...(raw.isolate ? { isolate: true } : {}),
    ...pythonOf(raw.python, workloads, facts.cwd),
    // Recorded so that the run's notes can say what the preset traded away.
    ...(quick ? { quick: true } : {}),
  };
  const tracing = resolveTracing(raw, run, facts.cwd);
  if (tracing.tracePath !== undefined || tracing.lanes !== undefined) run.trace = true;
  const output: OutputOptions = {
    ...tracing,
    targets: resolveTargets(raw.format ?? raw.output ?? [], raw.json === true, FORMAT_NAMES, facts.cwd),
    color: decideColor(raw.color, facts),
    width: decideWidth(facts),
    details: raw.details === true,
    ...(raw.label === undefined ? {} : { label: parseLabel(raw.label) }),
    quiet: raw.quiet === true,
    save: raw.save !== false,
    resultsDir: resultsDirOf(raw.resultsDir, facts.cwd),
  };
  return { run, output };
}
