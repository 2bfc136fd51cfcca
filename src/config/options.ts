/**
 * Every command-line option as data: its flags, what it does, and its default as documented. The
 * help text is built from this table (cli/program.ts), and the values are checked where the
 * configuration is resolved (resolve.ts, gate.ts, calibrate.ts): one table, so a flag reads the
 * same on every command, and its help cannot claim another default than the one applied (a test
 * holds each documented default against the resolved configuration).
 */
import { AGAINST_DEFAULTS, DEFAULTS, LIMITS, QUICK, QUICK_MODULE, QUICK_PYTHON } from './defaults.js';
import { FORMAT_NAMES, type FormatName } from './formats.js';

/** The headings --help sorts the options under. */
export type OptionGroup =
  'What to run' | 'Your own workload' | 'How to measure' | 'The simulated lock' | 'Output' | 'Saving and comparing';

export interface OptionSpec {
  flags: string;
  /** One line of help (two at most): the README says the rest. */
  description: string;
  /** Its heading in --help. */
  group?: OptionGroup;
  /** The default, as the help states it: `(default: …)` is appended. */
  default?: string;
}

const withQuick = (value: string | number, quick: string | number): string =>
  String(value) === String(quick) ? String(value) : `${value}; --quick: ${quick}`;

export const OPTIONS = {
  strategies: {
    flags: '-s, --strategies <list>',
    description: 'sequential always runs',
    group: 'What to run',
    default: 'all five',
  },
  workloads: {
    flags: '-w, --workloads <list>',
    description: 'built-in, comma-separated',
    group: 'What to run',
    default: "the suite's",
  },
  workload: {
    flags: '--workload <file...>',
    description: 'your module: .js (ESM) or .py (real CPython); repeatable',
    group: 'Your own workload',
  },
  twin: {
    flags: '--twin <file>',
    description:
      'with a .py --workload: the same work in .js, simulated (also under --gil none beside a free-threaded --python)',
    group: 'Your own workload',
  },
  against: {
    flags: '--against <file>',
    description: "the module's base version: both run, the gate judges this one",
    group: 'Your own workload',
  },
  pairs: {
    flags: '--pairs <n>',
    description: 'process pairs before the first look (even)',
    group: 'Your own workload',
    default: String(AGAINST_DEFAULTS.pairs),
  },
  gateBudget: {
    flags: '--gate-budget <s>',
    description: 'with --against: seconds the run may take for further pairs on undecided metrics (0: one look)',
    group: 'Your own workload',
    default: String(AGAINST_DEFAULTS.budgetSeconds),
  },
  alternate: {
    flags: '--alternate <how>',
    description: 'with --against: rounds (A B B A) or processes',
    group: 'Your own workload',
    default: AGAINST_DEFAULTS.alternation,
  },
  ioRatio: {
    flags: '--io-ratio <r|list>',
    description: "the ratio workload's waiting share, 0–1; a list sweeps",
    group: 'What to run',
  },
  threads: {
    flags: '-t, --threads <n|list>',
    description: `pool threads (max ${LIMITS.maxThreads}); a list like 1,2,4 sweeps`,
    group: 'What to run',
    default: 'cores, at least 2',
  },
  tasks: {
    flags: '-n, --tasks <n>',
    description: 'tasks per batch',
    group: 'What to run',
    default: `enough for ${DEFAULTS.batchMs} ms; --quick: ${QUICK.batchMs}`,
  },
  size: {
    flags: '--size <size>',
    description: 'work per task: xs, s, m or l',
    group: 'What to run',
    default: withQuick(DEFAULTS.size, QUICK.size),
  },
  iterations: {
    flags: '-i, --iterations <n>',
    description: 'timed batches per strategy',
    group: 'How to measure',
    default: withQuick(DEFAULTS.iterations, QUICK.iterations),
  },
  maxIterations: {
    flags: '--max-iterations <n>',
    description: 'most batches for a cell still wider than ±5%',
    group: 'How to measure',
    default: `${DEFAULTS.maxIterations}; --time 0: 2 × --iterations`,
  },
  time: {
    flags: '--time <ms>',
    description: 'timed ms for the run, shared by its workloads; 0: none',
    group: 'How to measure',
    default: withQuick(
      `${DEFAULTS.workloadTimeMs} a workload`,
      `${QUICK.workloadTimeMs} (.py: ${QUICK_PYTHON.workloadTimeMs})`,
    ),
  },
  warmup: {
    flags: '--warmup <n>',
    description: 'untimed passes per strategy before timing',
    group: 'How to measure',
    default: String(DEFAULTS.warmup),
  },
  warmupTime: {
    flags: '--warmup-time <ms>',
    description: 'warm each thread up at least this long',
    group: 'How to measure',
    default: withQuick(
      DEFAULTS.warmupMs,
      `${QUICK.warmupMs} (.js: ${QUICK_MODULE.warmupMs}, .py: ${QUICK_PYTHON.warmupMs})`,
    ),
  },
  seed: {
    flags: '--seed <n>',
    description: 'seed of the inputs and of the order',
    group: 'How to measure',
    default: String(DEFAULTS.seed),
  },
  gil: {
    flags: '--gil <mode>',
    description: 'cpython, legacy (Python 2) or none',
    group: 'The simulated lock',
    default: 'cpython',
  },
  gilWake: {
    flags: '--gil-wake <order>',
    description: 'whom a release wakes: fifo or random',
    group: 'The simulated lock',
    default: 'fifo',
  },
  switchInterval: {
    flags: '--switch-interval <ms>',
    description: 'as sys.setswitchinterval, ms',
    group: 'The simulated lock',
    default: String(DEFAULTS.switchIntervalMs),
  },
  taskTimeout: {
    flags: '--task-timeout <ms>',
    description: 'a task past this errors its cell; 0: never',
    group: 'How to measure',
    default: String(DEFAULTS.taskTimeoutMs),
  },
  workerMemory: {
    flags: '--worker-memory <mb>',
    description: 'heap limit of each worker thread',
    group: 'How to measure',
    default: "V8's own",
  },
  asyncLimit: {
    flags: '--async-limit <n>',
    description: 'the most tasks async runs at once',
    group: 'What to run',
    default: 'all of a batch',
  },
  order: {
    flags: '--order <order>',
    description: 'interleaved or sequential',
    group: 'How to measure',
    default: 'interleaved',
  },
  estimator: {
    flags: '--estimator <stat>',
    description: 'speedups compare the min or median batch',
    group: 'How to measure',
    default: DEFAULTS.estimator,
  },
  isolate: {
    flags: '--isolate',
    description: 'measure in a child process of its own',
    group: 'How to measure',
  },
  probe: {
    flags: '--no-probe',
    description: 'skip the free-core probe at the start',
    group: 'How to measure',
  },
  trace: {
    flags: '--trace <file>',
    description: 'write an extra, untimed traced batch to FILE (lock-guarded cells and async)',
    group: 'Output',
  },
  lanes: {
    flags: '--lanes [cell]',
    description: "draw a traced cell's threads (and async's tasks beside them)",
    group: 'Output',
    default: 'the first traced',
  },
  quick: {
    flags: '-q, --quick',
    description: 'a first look in seconds: small, short batches',
    group: 'How to measure',
  },
  details: {
    flags: '--details',
    description: "every workload's table before the summary",
    group: 'Output',
  },
  json: {
    flags: '--json',
    description: 'the whole result as JSON on stdout',
    group: 'Output',
  },
  color: {
    flags: '--no-color',
    description: 'no colours (also when NO_COLOR is set)',
    group: 'Output',
  },
  quiet: {
    flags: '--quiet',
    description: 'no progress on stderr',
    group: 'Output',
  },
  save: {
    flags: '--no-save',
    description: 'do not save the result',
    group: 'Saving and comparing',
  },
  label: {
    flags: '--label <name>',
    description: 'a name for this run, kept in the result',
    group: 'Output',
  },
  resultsDir: {
    flags: '--results-dir <dir>',
    description: 'where runs and baselines are kept',
    group: 'Saving and comparing',
    default: './bench-results',
  },
  saveBaseline: {
    flags: '--save-baseline <name>',
    description: 'also save this run as the baseline NAME',
    group: 'Saving and comparing',
  },
  baseline: {
    flags: '--baseline <name|file>',
    description: 'compare this run with a baseline',
    group: 'Saving and comparing',
  },
  metric: {
    flags: '--metric <metric>',
    description: 'what compare and --baseline judge: speedup, time or both',
    group: 'Saving and comparing',
    default: 'both',
  },
  threshold: {
    flags: '--threshold <pct>',
    description: 'changes smaller than this count as unchanged',
    group: 'Saving and comparing',
    default: '15',
  },
  failOnRegression: {
    flags: '--fail-on-regression [pct]',
    description: 'exit 1 past pct; 3 when the data cannot decide',
    group: 'Saving and comparing',
    default: '--threshold',
  },
  python: {
    flags: '--python <list>',
    description: 'the interpreter (CPython ≥ 3.9), or several, comma-separated, side by side',
    group: 'Your own workload',
    default: 'python3 on PATH',
  },
  html: {
    flags: '--html <file>',
    description: 'write a self-contained HTML report with SVG charts',
    group: 'Output',
  },
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
  run: {
    options: ['workload', 'twin', 'python', 'against', 'pairs', 'gateBudget', 'alternate', ...BENCH],
    formats: FORMAT_NAMES,
  },
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
  guide: {
    options: ['workload', 'python', 'threads', 'seed', 'save', 'resultsDir', 'quiet', 'color'],
    formats: FORMAT_NAMES,
    own: {
      workload: {
        flags: '--workload <file>',
        description:
          'your own workload module (JavaScript, or Python run under CPython): run as it is beside the sweep, and placed on it by its measured share of waiting',
      },
    },
  },
  report: {
    options: ['html', 'lanes', 'details', 'color'],
    formats: FORMAT_NAMES,
    own: {
      lanes: {
        description:
          'print a strip per thread of a traced cell (a run made with --trace or --lanes), and one per task of async on the same workload: gil-threads, async-offload, async, WORKLOAD/STRATEGY or WORKLOAD/STRATEGY/Nt',
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
