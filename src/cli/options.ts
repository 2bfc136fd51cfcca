import { DEFAULTS, LIMITS, QUICK } from '../config/defaults.js';

/** One command-line option: its flags and its help text. Values are checked in config/resolve.ts. */
export interface OptionSpec {
  flags: string;
  description: string;
}

/** Options shared by every command that runs a benchmark. */
export const RUN_OPTIONS: readonly OptionSpec[] = [
  {
    flags: '-s, --strategies <list>',
    description: 'strategies to run, comma-separated; sequential always runs (default: all five)',
  },
  {
    flags: '-w, --workloads <list>',
    description: 'built-in workloads to run, comma-separated (default: every one of the suite)',
  },
  {
    flags: '--io-ratio <r|list>',
    description:
      'run the synthetic ratio workload with this share of waiting per round, 0–1; a list like 0,0.25,0.5,0.75,1 sweeps',
  },
  {
    flags: '-t, --threads <n|list>',
    description: `threads for the pooled strategies; a list like 1,2,4 sweeps (default: available cores, at least 2; max ${LIMITS.maxThreads})`,
  },
  { flags: '-n, --tasks <n>', description: `tasks per batch (default: ${DEFAULTS.tasks}; --quick: ${QUICK.tasks})` },
  {
    flags: '--size <size>',
    description: `work per task: xs, s, m or l (default: ${DEFAULTS.size}; --quick: ${QUICK.size})`,
  },
  {
    flags: '-i, --iterations <n>',
    description: `timed batches per strategy (default: ${DEFAULTS.iterations}; --quick: ${QUICK.iterations})`,
  },
  {
    flags: '--max-iterations <n>',
    description:
      'a cell whose relative margin of error stays over 5% gets further rounds, up to this many timed batches and a fifth more time; equal to --iterations for a fixed count (default: twice --iterations)',
  },
  {
    flags: '--time <ms>',
    description:
      'time budget per strategy and workload: each takes timed batches until it has met both this and --iterations (default: none)',
  },
  {
    flags: '--warmup <n>',
    description: `untimed warm-up passes per strategy before timing, one task per thread each (default: ${DEFAULTS.warmup})`,
  },
  {
    flags: '--warmup-time <ms>',
    description: `warm-up passes go on until each thread has run this long, and while they still get faster (default: ${DEFAULTS.warmupMs}; --quick: ${QUICK.warmupMs})`,
  },
  {
    flags: '--seed <n>',
    description: `seed for the task inputs and the order of strategies in each round (default: ${DEFAULTS.seed})`,
  },
  {
    flags: '--gil <mode>',
    description:
      'simulated lock: cpython (new GIL, ≥ 3.2), legacy (Python 2) or none (free-threaded 3.13t) (default: cpython)',
  },
  {
    flags: '--gil-wake <order>',
    description:
      "which waiter a release of the lock wakes: fifo (the longest waiting, as CPython's condition variable on Linux) or random (default: fifo)",
  },
  {
    flags: '--switch-interval <ms>',
    description: `how long a waiting thread lets the holder run before asking it to drop the lock, like sys.setswitchinterval (default: ${DEFAULTS.switchIntervalMs})`,
  },
  {
    flags: '--task-timeout <ms>',
    description: `a task running longer is stopped and its cell marked errored; 0 = none (default: ${DEFAULTS.taskTimeoutMs})`,
  },
  {
    flags: '--worker-memory <mb>',
    description:
      "heap limit of each worker thread; a thread that runs out is replaced and its cell errored (default: V8's own)",
  },
  {
    flags: '--order <order>',
    description: 'interleaved (strategies take turns, shuffled each round) or sequential (default: interleaved)',
  },
  {
    flags: '--estimator <stat>',
    description: `what speedups compare: min (each cell's fastest batch; noise only ever adds time) or median (its typical batch) (default: ${DEFAULTS.estimator})`,
  },
  {
    flags: '--isolate',
    description:
      "measure in a child process of its own, which speaks to this one in the engine protocol; a workload's output goes to stderr",
  },
  { flags: '--no-probe', description: 'skip the parallel-capacity probe (two raw threads vs one) at the start' },
  {
    flags: '--trace <file>',
    description:
      'after the timed rounds, run one more batch per lock-guarded cell, untimed, recording every thread event, and write it to FILE as a Chrome trace (open it in ui.perfetto.dev); the HTML report then draws lanes',
  },
  {
    flags: '--lanes [cell]',
    description:
      'trace as --trace does and print a strip per thread of one cell: gil-threads, async-offload, WORKLOAD/STRATEGY or WORKLOAD/STRATEGY/Nt (default: the first traced cell)',
  },
  { flags: '-q, --quick', description: 'smallest sizes and few iterations: a fast first look' },
  {
    flags: '--details',
    description:
      "the table: every workload's table, the lock figures and each strategy's reasoning, before the summary (default: the summary alone)",
  },
  { flags: '--json', description: 'print the full result as JSON on stdout, and nothing else there' },
  { flags: '--no-color', description: 'no colours (also when NO_COLOR is set or stdout is not a terminal)' },
  {
    flags: '--quiet',
    description:
      'no progress on stderr (a bar on a terminal; with GIL_BENCH_PROGRESS=lines, a plain line per batch on any stderr)',
  },
  { flags: '--no-save', description: 'do not save the result under bench-results/' },
  {
    flags: '--label <name>',
    description:
      "what to call this run (a CI job, a machine), recorded in the result; names its column in 'gil-bench merge'",
  },
  { flags: '--results-dir <dir>', description: 'where results are saved (default: ./bench-results)' },
  {
    flags: '--save-baseline <name>',
    description:
      'also save this run as a named baseline, in bench-results/baselines/NAME.json; it takes twice the timed batches (unless --iterations is given), since every later comparison is bounded by its spread',
  },
  {
    flags: '--baseline <name|file>',
    description: 'compare this run with a baseline (a name or a result file) and print the changes',
  },
];

/** Examples shown at the end of each command's --help. */
export const EXAMPLES: Record<string, readonly string[]> = {
  program: [
    'gil-bench cpu                         # CPU-bound workloads under all five strategies',
    'gil-bench io --quick                  # I/O-bound workloads, small and fast',
    'gil-bench all --threads 4 --json > result.json',
    'gil-bench list                        # workloads and strategies',
    'gil-bench cpu --save-baseline main    # later: gil-bench cpu --baseline main --fail-on-regression 15',
    'gil-bench report bench-results/<run>.json --html report.html',
  ],
  cpu: [
    'gil-bench cpu',
    'gil-bench cpu --quick',
    'gil-bench cpu --strategies gil-threads,workers --threads 4',
    'gil-bench cpu --workloads primes --switch-interval 1',
    'gil-bench cpu --json | jq ".cells[] | {workload, strategy, speedup}"',
  ],
  io: ['gil-bench io', 'gil-bench io --quick --threads 4', 'gil-bench io --workloads http --tasks 32'],
  mixed: [
    'gil-bench mixed',
    'gil-bench mixed --switch-interval 1',
    'gil-bench mixed --io-ratio 0,0.25,0.5,0.75,1 --quick',
  ],
  all: ['gil-bench all', 'gil-bench all --quick --no-save', 'gil-bench all --json > result.json'],
  run: [
    'gil-bench run --workload ./my-workload.js',
    'gil-bench run --workload ./my-workload.js --threads 2,4 --size s',
  ],
  list: ['gil-bench list', 'gil-bench list --json'],
  compare: [
    'gil-bench compare bench-results/2026-11-25T10-00-00-000Z-cpu.json bench-results/2026-11-26T10-00-00-000Z-cpu.json',
    'gil-bench compare main                  # run now with the baseline "main"\'s configuration',
    'gil-bench compare main --fail-on-regression 15 --format markdown >> "$GITHUB_STEP_SUMMARY"',
  ],
  check: ['gil-bench check', 'gil-bench check bench-results/2026-11-25T10-00-00-000Z-cpu.json'],
  calibrate: [
    'gil-bench calibrate --quick',
    'gil-bench calibrate --python python3.13t',
    'gil-bench calibrate --format markdown --output fidelity.md',
  ],
  merge: [
    'gil-bench cpu --label linux-x64 --json > linux-x64.json      # on each machine',
    'gil-bench merge linux-x64.json macos-arm64.json --format markdown',
  ],
  report: [
    'gil-bench report bench-results/2026-11-25T10-00-00-000Z-cpu.json --html report.html',
    'gil-bench report result.json --format csv --output result.csv',
  ],
};

export function examplesText(command: string): string {
  const lines = EXAMPLES[command] ?? [];
  return lines.length === 0 ? '' : `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}
