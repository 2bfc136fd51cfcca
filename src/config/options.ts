/**
 * Every command-line option as data: its flags, what it does, and its default as documented. The
 * help text is built from this table (cli/program.ts), and the values are checked where the
 * configuration is resolved (resolve.ts, gate.ts, calibrate.ts): one table, so a flag reads the
 * same on every command, and its help cannot claim another default than the one applied (a test
 * holds each documented default against the resolved configuration).
 */
import { AGAINST_DEFAULTS, DEFAULTS, LIMITS, QUICK } from './defaults.js';
import { FORMAT_NAMES, type FormatName } from './formats.js';

export interface OptionSpec {
  flags: string;
  description: string;
  /** The default, as the help states it: `(default: …)` is appended. */
  default?: string;
}

const withQuick = (value: string | number, quick: string | number): string => `${value}; --quick: ${quick}`;

export const OPTIONS = {
  strategies: {
    flags: '-s, --strategies <list>',
    description: 'strategies to run, comma-separated; sequential always runs',
    default: 'all five',
  },
  workloads: {
    flags: '-w, --workloads <list>',
    description: 'built-in workloads to run, comma-separated',
    default: 'every one of the suite',
  },
  workload: {
    flags: '--workload <file...>',
    description:
      'a workload module file: JavaScript (ESM), or Python (.py, run under real CPython); may be given more than once',
  },
  twin: {
    flags: '--twin <file>',
    description:
      'with a Python --workload: the same work as a JavaScript workload, run in the same job, so that the real and the simulated speedups stand in one table',
  },
  against: {
    flags: '--against <file>',
    description:
      'the same workload module in its base version (a checkout of main beside this one): both run side by side in one job, each in processes of its own, and the gate judges this version against it; with the very file itself, it measures the runner (an A/A run). Each engine warms up one pass per thread unless --warmup-time is given',
  },
  pairs: {
    flags: '--pairs <n>',
    description: `process pairs before the first look, with --against (even); each pair runs both versions, --iterations rounds each; metrics still open get ${AGAINST_DEFAULTS.looks === 2 ? 'one further look' : `${AGAINST_DEFAULTS.looks - 1} further looks`} of half as many pairs, rounded up to an even count`,
    default: String(AGAINST_DEFAULTS.pairs),
  },
  alternate: {
    flags: '--alternate <how>',
    description:
      'with --against: rounds (the two versions take turns round by round, A B B A) or processes (each runs all its rounds in turn)',
    default: AGAINST_DEFAULTS.alternation,
  },
  ioRatio: {
    flags: '--io-ratio <r|list>',
    description:
      'run the synthetic ratio workload with this share of waiting per round, 0–1; a list like 0,0.25,0.5,0.75,1 sweeps',
  },
  threads: {
    flags: '-t, --threads <n|list>',
    description: `threads for the pooled strategies; a list like 1,2,4 sweeps (max ${LIMITS.maxThreads})`,
    default: 'available cores, at least 2',
  },
  tasks: {
    flags: '-n, --tasks <n>',
    description: `tasks per batch; without it, each workload gets as many as fill a sequential batch of about ${DEFAULTS.batchMs} ms (--quick: ${QUICK.batchMs} ms), measured on this host, and at least ${DEFAULTS.tasksPerThread} per thread`,
    default: 'sized by time',
  },
  size: {
    flags: '--size <size>',
    description: 'work per task: xs, s, m or l',
    default: withQuick(DEFAULTS.size, QUICK.size),
  },
  iterations: {
    flags: '-i, --iterations <n>',
    description: 'timed batches per strategy (twice as many with --save-baseline)',
    default: withQuick(DEFAULTS.iterations, QUICK.iterations),
  },
  maxIterations: {
    flags: '--max-iterations <n>',
    description:
      'a cell whose relative margin of error stays over 5% gets further rounds, up to this many timed batches (and within --time); equal to --iterations for a fixed count',
    default: `${DEFAULTS.maxIterations}; with --time 0: twice --iterations`,
  },
  time: {
    flags: '--time <ms>',
    description:
      "timed time for the whole run, shared equally by its workloads: each stops once every cell's speedup is within ±5%, or when its share is spent; 0: no budget, further rounds add a fifth at most",
    default: withQuick(`${DEFAULTS.workloadTimeMs} per workload`, QUICK.workloadTimeMs),
  },
  warmup: {
    flags: '--warmup <n>',
    description: 'untimed warm-up passes per strategy before timing, one task per thread each',
    default: String(DEFAULTS.warmup),
  },
  warmupTime: {
    flags: '--warmup-time <ms>',
    description: 'warm-up passes go on until each thread has run this long, and while they still get faster',
    default: withQuick(DEFAULTS.warmupMs, QUICK.warmupMs),
  },
  seed: {
    flags: '--seed <n>',
    description: 'seed for the task inputs and the order of strategies in each round',
    default: String(DEFAULTS.seed),
  },
  gil: {
    flags: '--gil <mode>',
    description: 'simulated lock: cpython (new GIL, ≥ 3.2), legacy (Python 2) or none (free-threaded 3.13t)',
    default: 'cpython',
  },
  gilWake: {
    flags: '--gil-wake <order>',
    description:
      "which waiter a release of the lock wakes: fifo (the longest waiting, as CPython's condition variable on Linux) or random",
    default: 'fifo',
  },
  switchInterval: {
    flags: '--switch-interval <ms>',
    description:
      'how long a waiting thread lets the holder run before asking it to drop the lock, like sys.setswitchinterval',
    default: String(DEFAULTS.switchIntervalMs),
  },
  taskTimeout: {
    flags: '--task-timeout <ms>',
    description: 'a task running longer is stopped and its cell marked errored; 0 = none',
    default: String(DEFAULTS.taskTimeoutMs),
  },
  workerMemory: {
    flags: '--worker-memory <mb>',
    description: 'heap limit of each worker thread; a thread that runs out is replaced and its cell errored',
    default: "V8's own",
  },
  asyncLimit: {
    flags: '--async-limit <n>',
    description:
      "the most tasks async runs at once (an asyncio.Semaphore); give the thread count for a row like the pools'",
    default: 'every task of a batch',
  },
  order: {
    flags: '--order <order>',
    description: 'interleaved (strategies take turns, shuffled each round) or sequential',
    default: 'interleaved',
  },
  estimator: {
    flags: '--estimator <stat>',
    description:
      "what speedups compare: min (each cell's fastest batch; noise only ever adds time) or median (its typical batch)",
    default: DEFAULTS.estimator,
  },
  isolate: {
    flags: '--isolate',
    description:
      "measure in a child process of its own, which speaks to this one in the engine protocol; a workload's output goes to stderr",
  },
  probe: { flags: '--no-probe', description: 'skip the parallel-capacity probe (two raw threads vs one) at the start' },
  trace: {
    flags: '--trace <file>',
    description:
      'after the timed rounds, run one more batch per lock-guarded cell, untimed, recording every thread event, and write it to FILE as a Chrome trace (open it in ui.perfetto.dev); the HTML report then draws lanes',
  },
  lanes: {
    flags: '--lanes [cell]',
    description:
      'trace as --trace does and print a strip per thread of one cell: gil-threads, async-offload, WORKLOAD/STRATEGY or WORKLOAD/STRATEGY/Nt',
    default: 'the first traced cell',
  },
  quick: {
    flags: '-q, --quick',
    description: `a first look in seconds on any host: the smallest size, batches of about ${QUICK.batchMs} ms, ${QUICK.workloadTimeMs} ms of timed batches per workload, pools shared by the workloads, no free-core probe and no yardstick`,
  },
  details: {
    flags: '--details',
    description: "every workload's table, the lock figures and each strategy's reasoning, before the summary",
  },
  json: { flags: '--json', description: 'print the full result as JSON on stdout, and nothing else there' },
  color: { flags: '--no-color', description: 'no colours (also when NO_COLOR is set or stdout is not a terminal)' },
  quiet: {
    flags: '--quiet',
    description:
      'no progress on stderr (a bar on a terminal; with GIL_BENCH_PROGRESS=lines, a plain line per batch on any stderr)',
  },
  save: { flags: '--no-save', description: 'do not save the result under --results-dir' },
  label: {
    flags: '--label <name>',
    description:
      "what to call this run (a CI job, a machine), recorded in the result; names its column in 'gil-bench merge'",
  },
  resultsDir: {
    flags: '--results-dir <dir>',
    description: 'where runs and baselines are kept',
    default: './bench-results',
  },
  saveBaseline: {
    flags: '--save-baseline <name>',
    description:
      'also save this run as a named baseline, in bench-results/baselines/NAME.json; it takes twice the timed batches (unless --iterations is given), since every later comparison is bounded by its spread',
  },
  baseline: {
    flags: '--baseline <name|file>',
    description: 'compare this run with a baseline (a name or a result file) and print the changes',
  },
  metric: {
    flags: '--metric <metric>',
    description:
      "what compare and --baseline judge: speedup (vs sequential within each run; the runner's speed cancels out), time (in yardsticks), or both",
    default: 'both',
  },
  threshold: {
    flags: '--threshold <pct>',
    description: 'changes smaller than this count as unchanged',
    default: '15',
  },
  failOnRegression: {
    flags: '--fail-on-regression [pct]',
    description: 'exit 1 on a significant change worse than pct, exit 3 when the data cannot decide',
    default: '--threshold',
  },
  python: {
    flags: '--python <path>',
    description: 'the Python interpreter (CPython ≥ 3.9)',
    default: 'python3 on PATH',
  },
  html: { flags: '--html <file>', description: 'write a self-contained HTML report with SVG charts' },
} as const satisfies Record<string, OptionSpec>;

export type OptionKey = keyof typeof OPTIONS;

/** --format and --output, which every command that writes a result takes as a pair. */
export const TARGET_KEYS = ['format', 'output'] as const;

/** What each command takes, and the formats it can write. */
export interface CommandSpec {
  options: readonly OptionKey[];
  /** The formats --format accepts; absent: the command has no --format. */
  formats?: readonly FormatName[];
  /** --format takes one value (no --output): the comparison and merge commands. */
  singleFormat?: boolean;
  /** Where an option means something narrower on this command, its own words. */
  own?: Partial<Record<OptionKey, Partial<OptionSpec>>>;
}

const BENCH: readonly OptionKey[] = [
  'strategies',
  'workloads',
  'ioRatio',
  'threads',
  'tasks',
  'size',
  'iterations',
  'maxIterations',
  'time',
  'warmup',
  'warmupTime',
  'seed',
  'gil',
  'gilWake',
  'switchInterval',
  'taskTimeout',
  'workerMemory',
  'asyncLimit',
  'order',
  'estimator',
  'isolate',
  'probe',
  'trace',
  'lanes',
  'quick',
  'details',
  'json',
  'color',
  'quiet',
  'save',
  'label',
  'resultsDir',
  'saveBaseline',
  'baseline',
  'metric',
  'threshold',
  'failOnRegression',
];

export const COMMANDS = {
  bench: { options: BENCH, formats: FORMAT_NAMES },
  run: { options: ['workload', 'twin', 'python', 'against', 'pairs', 'alternate', ...BENCH], formats: FORMAT_NAMES },
  compare: {
    options: ['metric', 'threshold', 'failOnRegression', 'resultsDir', 'save', 'color', 'quiet'],
    formats: ['table', 'markdown', 'json'],
    singleFormat: true,
  },
  check: {
    options: ['threads', 'isolate', 'resultsDir', 'save', 'color', 'quiet'],
    own: { threads: { flags: '-t, --threads <n>', description: 'threads for the run' } },
  },
  merge: { options: ['color'], formats: ['table', 'markdown', 'json'], singleFormat: true },
  calibrate: {
    options: [
      'python',
      'quick',
      'threads',
      'switchInterval',
      'gilWake',
      'seed',
      'save',
      'resultsDir',
      'quiet',
      'json',
      'color',
    ],
    formats: FORMAT_NAMES,
    own: {
      threads: { flags: '-t, --threads <n>', description: 'threads and processes' },
      quick: { description: 'small tasks and few iterations (about a minute)' },
      switchInterval: { description: 'switch interval for both the simulation and CPython (sys.setswitchinterval)' },
    },
  },
  report: {
    options: ['html', 'lanes', 'details', 'color'],
    formats: FORMAT_NAMES,
    own: {
      lanes: {
        description:
          'print a strip per thread of a traced cell (a run made with --trace or --lanes): gil-threads, async-offload, WORKLOAD/STRATEGY or WORKLOAD/STRATEGY/Nt',
      },
    },
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

/** An option as a command shows it: the shared spec, with the command's own words where it has them. */
export function optionOf(command: CommandName, key: OptionKey): OptionSpec {
  const spec: CommandSpec = COMMANDS[command];
  return { ...OPTIONS[key], ...spec.own?.[key] };
}

/** An option's help: what it does, then its default. */
export function helpOf(spec: OptionSpec): string {
  return spec.default === undefined ? spec.description : `${spec.description} (default: ${spec.default})`;
}
