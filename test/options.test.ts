import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveCalibration } from '../src/config/calibrate.js';
import { resolveAgainst, type AgainstPlan } from '../src/config/against.js';
import { resolveGate } from '../src/config/gate.js';
import { COMMANDS, OPTIONS, type OptionKey } from '../src/config/options.js';
import { resolveConfig, resultsDirOf, type ProcessFacts } from '../src/config/resolve.js';
import { STRATEGY_NAMES } from '../src/strategies/names.js';
import { builtinWorkloads } from '../workloads/index.js';
import { ROOT, runBin, tempDir } from './helpers.js';

const facts = (cores: number): ProcessFacts => ({
  env: {},
  stdoutIsTTY: false,
  cwd: '/work/x',
  availableParallelism: cores,
});
const plain = resolveConfig('cpu', {}, facts(3));
const quick = resolveConfig('cpu', { quick: true }, facts(3));
const laned = resolveConfig('cpu', { lanes: true }, facts(3));
const fixed = resolveConfig('cpu', { tasks: '8' }, facts(3));
const unbudgeted = resolveConfig('cpu', { time: '0' }, facts(3));
const calibration = resolveCalibration({}, 3);
const WORD_COUNT = join(ROOT, 'workloads', 'examples', 'word-count.js');
const abRun = resolveConfig('run', { workload: [WORD_COUNT] }, facts(3)).run;
const quickModule = resolveConfig('run', { quick: true, workload: [WORD_COUNT] }, facts(3));
const quickPython = resolveConfig(
  'run',
  { quick: true, workload: [join(ROOT, 'workloads', 'examples', 'count_primes.py')] },
  facts(3),
);
const against = resolveAgainst({ against: WORD_COUNT, workload: [WORD_COUNT] }, abRun, ROOT) as AgainstPlan;

/**
 * What each documented default says, read back from the configuration the code resolves when the
 * flag is not given: a default the help text states and the code does not apply fails here.
 */
const APPLIED: Partial<Record<OptionKey, () => string | undefined>> = {
  strategies: () => (plain.run.strategies.join() === STRATEGY_NAMES.join() ? 'all five' : plain.run.strategies.join()),
  workloads: () => {
    const suite = builtinWorkloads.filter((w) => w.kind === 'cpu' && !w.parameter).map((w) => w.name);
    return plain.run.workloads.map((w) => w.name).join() === suite.join() ? "the suite's" : undefined;
  },
  threads: () => {
    const applied = [1, 2, 3, 8].map((cores) => resolveConfig('cpu', {}, facts(cores)).run.threads[0]);
    const calibrated = [1, 3].map((cores) => resolveCalibration({}, cores).threads);
    return applied.join() === '2,2,3,8' && calibrated.join() === '2,3' ? 'cores, at least 2' : applied.join();
  },
  tasks: () =>
    plain.run.batchMs !== undefined && quick.run.batchMs !== undefined && fixed.run.batchMs === undefined
      ? `enough for ${plain.run.batchMs} ms; --quick: ${quick.run.batchMs}`
      : undefined,
  // One value where --quick keeps it.
  size: () => (plain.run.size === quick.run.size ? plain.run.size : `${plain.run.size}; --quick: ${quick.run.size}`),
  iterations: () =>
    plain.run.iterations === quick.run.iterations
      ? String(plain.run.iterations)
      : `${plain.run.iterations}; --quick: ${quick.run.iterations}`,
  maxIterations: () =>
    unbudgeted.run.maxIterations === 2 * unbudgeted.run.iterations
      ? `${plain.run.maxIterations}; --time 0: 2 × --iterations`
      : undefined,
  time: () => {
    const perWorkload = (run: typeof plain.run): number => run.timeMs / run.workloads.length;
    return `${perWorkload(plain.run)} a workload; --quick: ${perWorkload(quick.run)} (.py: ${perWorkload(quickPython.run)})`;
  },
  warmup: () => String(plain.run.warmup),
  warmupTime: () =>
    `${plain.run.warmupMs}; --quick: ${quick.run.warmupMs} (.js: ${quickModule.run.warmupMs}, .py: ${quickPython.run.warmupMs})`,
  seed: () => (plain.run.seed === calibration.seed ? String(plain.run.seed) : undefined),
  gil: () => plain.run.gil,
  // Absent from the configuration means fifo, as the engine reads it.
  gilWake: () => ((plain.run.gilWake ?? 'fifo') === calibration.wake ? calibration.wake : undefined),
  switchInterval: () =>
    plain.run.switchIntervalMs === calibration.switchIntervalMs ? String(plain.run.switchIntervalMs) : undefined,
  taskTimeout: () => String(plain.run.taskTimeoutMs),
  asyncLimit: () => (plain.run.asyncLimit === undefined ? 'all of a batch' : String(plain.run.asyncLimit)),
  workerMemory: () => (plain.run.workerMemoryMb === 0 ? "V8's own" : undefined),
  order: () => plain.run.order,
  estimator: () => plain.run.estimator,
  lanes: () => (JSON.stringify(laned.output.lanes) === '{}' ? 'the first traced' : undefined),
  resultsDir: () =>
    plain.output.resultsDir === join('/work/x', 'bench-results') &&
    resultsDirOf(undefined, '/work/x') === plain.output.resultsDir
      ? './bench-results'
      : undefined,
  metric: () => (resolveGate({}).metrics.join() === 'speedup,time' ? 'both' : resolveGate({}).metrics.join()),
  threshold: () => String(resolveGate({}).thresholdPct),
  failOnRegression: () =>
    resolveGate({ failOnRegression: true, threshold: '7' }).thresholdPct === 7 ? '--threshold' : undefined,
  python: () => (calibration.python === 'python3' ? 'python3 on PATH' : undefined),
  pairs: () => String(against.pairs),
  gateBudget: () => String(against.budgetMs / 1000),
  alternate: () => against.alternation,
};

describe('the option table', () => {
  it.each(Object.entries(OPTIONS).filter(([, spec]) => 'default' in spec))(
    '--%s: the documented default is the one applied',
    (key, spec) => {
      const applied = APPLIED[key as OptionKey];
      expect(applied, `no check of ${key}'s default`).toBeDefined();
      expect(applied?.()).toBe((spec as { default: string }).default);
    },
  );

  it('states each default in the help of every command that takes the flag', async () => {
    for (const command of ['compare', 'cpu']) {
      const help = (await runBin([command, '--help'])).stdout.replace(/\s+/g, ' ');
      expect(help).toMatch(/--metric <metric> what compare and --baseline judge: .*? or both \(default: both\)/);
      expect(help).toMatch(/--threshold <pct> changes smaller than this count as unchanged \(default: 15\)/);
    }
    const compare = (await runBin(['compare', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(compare).toContain('-f, --format <name> output format: table, markdown, json (default: table)');
  });

  it.each([
    [['compare', 'a.json', 'b.json', '--format', 'csv'], 'table, markdown, json'],
    [['merge', 'a.json', 'b.json', '--format', 'html'], 'table, markdown, json'],
    [['cpu', '--format', 'pdf'], COMMANDS.bench.formats.join(', ')],
    [['calibrate', '--format', 'xml'], COMMANDS.calibrate.formats.join(', ')],
  ])('refuses a --format the command cannot write: %j', async (args, formats) => {
    const dir = await tempDir();
    try {
      const ran = await runBin(args, { cwd: dir.path });
      expect(ran.code).toBe(2);
      expect(ran.stdout).toBe('');
      expect(ran.stderr).toMatch(new RegExp(`^error: --format must be one of ${formats} \\(got "\\w+"\\)`));
    } finally {
      await dir.remove();
    }
  });
});
