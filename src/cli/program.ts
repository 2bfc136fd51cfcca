import { Command, Option, type OutputConfiguration } from 'commander';
import type { RawOptions } from '../config/resolve.js';
import type { RawTarget } from '../config/targets.js';
import { FORMAT_NAMES } from '../config/formats.js';
import type { SuiteName } from '../config/types.js';
import { EXIT_MEANINGS } from '../errors.js';
import { VERSION } from '../version.js';
import type { CalibrateOptions } from './calibrate.js';
import type { GateOptions } from './compare.js';
import { examplesText, RUN_OPTIONS } from './options.js';

/** Options of commands that read saved results. */
export interface ResultOptions extends Omit<GateOptions, 'format'> {
  resultsDir?: string;
  save?: boolean;
  quiet?: boolean;
  html?: string;
  details?: boolean;
  lanes?: string | boolean;
  format?: RawTarget[] | string;
  output?: RawTarget[];
}

/** What the commands do; main.ts supplies these, tests supply their own. */
export interface Actions {
  bench(suite: SuiteName, options: RawOptions): Promise<void>;
  list(options: { json?: boolean }): Promise<void>;
  compare(base: string, head: string | undefined, options: ResultOptions): Promise<void>;
  check(file: string | undefined, options: RawOptions): Promise<void>;
  merge(files: string[], options: ResultOptions): Promise<void>;
  report(file: string, options: ResultOptions): Promise<void>;
  calibrate(options: CalibrateOptions): Promise<void>;
}

const SUITES: ReadonlyArray<{ name: SuiteName; summary: string }> = [
  { name: 'cpu', summary: 'run the CPU-bound workloads under every strategy' },
  { name: 'io', summary: 'run the I/O-bound workloads under every strategy' },
  { name: 'mixed', summary: 'run CPU and I/O work side by side: the convoy effect and event-loop responsiveness' },
  { name: 'all', summary: 'run every built-in workload: CPU-bound, I/O-bound and mixed' },
];

/**
 * --format and --output share one list, filled in command-line order, so that each --output
 * belongs to the --format just before it.
 */
function targetOptions(): Option[] {
  const targets: RawTarget[] = [];
  const format = new Option(
    '-f, --format <name>',
    `output format: ${FORMAT_NAMES.join(', ')}; repeat with --output to write several (default: table)`,
  ).argParser((value: string) => {
    targets.push({ format: value });
    return targets;
  });
  const output = new Option(
    '-o, --output <file>',
    'write the --format before it to FILE (atomically); without --format the extension decides',
  ).argParser((value: string) => {
    const last = targets[targets.length - 1];
    if (last && last.output === undefined) last.output = value;
    else targets.push({ output: value });
    return targets;
  });
  return [format, output];
}

/** One of the benchmark commands' options, by its long flag, for a command that takes a few of them. */
function runOption(long: string): Option {
  const spec = RUN_OPTIONS.find((s) => s.flags.split(/[ ,]+/).includes(long));
  if (!spec) throw new Error(`no run option ${long}`);
  return new Option(spec.flags, spec.description);
}

function addRunOptions(command: Command): Command {
  for (const spec of RUN_OPTIONS) command.addOption(new Option(spec.flags, spec.description));
  for (const option of targetOptions()) command.addOption(option);
  for (const spec of GATE_OPTIONS) command.addOption(new Option(spec.flags, spec.description));
  return command;
}

/** Comparing with a baseline, on a benchmark command or on `compare`. */
const GATE_OPTIONS = [
  {
    flags: '--metric <metric>',
    description:
      "what compare and --baseline judge: speedup (vs sequential within each run; the runner's speed cancels out) or time (default: speedup)",
  },
  { flags: '--threshold <pct>', description: 'changes smaller than this count as unchanged (default: 15)' },
  {
    flags: '--fail-on-regression [pct]',
    description:
      'exit 1 on a significant change worse than pct (default: --threshold), exit 3 when the data cannot decide',
  },
];

/**
 * The command-line grammar and nothing else: no measuring, no printing of results. Exported so
 * tests can parse argv without running anything.
 */
export function createProgram(actions: Actions, output?: OutputConfiguration): Command {
  const program = new Command('gil-bench')
    .description(
      'See how a GIL, an event loop, threads and parallel workers behave on CPU- and I/O-bound work, measured on this machine.',
    )
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `${examplesText('program')}\nExit codes:\n${EXIT_MEANINGS.map(([code, meaning]) => `  ${String(code).padStart(3)}  ${meaning}`).join('\n')}\n`,
    );
  // Commands added after these calls inherit them.
  program.exitOverride();
  if (output) program.configureOutput(output);

  for (const suite of SUITES) {
    addRunOptions(program.command(suite.name).description(suite.summary))
      .addHelpText('after', examplesText(suite.name))
      .action((options: RawOptions) => actions.bench(suite.name, options));
  }
  addRunOptions(
    program
      .command('run')
      .description('run your own workload module (see README: "Your own workloads")')
      .addOption(
        new Option('--workload <file...>', 'a workload module file (JavaScript, ESM); may be given more than once'),
      ),
  )
    .addHelpText('after', examplesText('run'))
    .action((options: RawOptions) => actions.bench('run', options));
  program
    .command('list')
    .description('list the workloads and strategies')
    .option('--json', 'as JSON')
    .addHelpText('after', examplesText('list'))
    .action((options: { json?: boolean }) => actions.list(options));

  const compare = program
    .command('compare')
    .description('compare two saved runs, cell by cell, with confidence intervals and a significance test')
    .argument('<base>', 'a result file, or the name of a baseline in bench-results/baselines/')
    .argument('[head]', "a result file or baseline name (default: run now with the base run's configuration)");
  for (const spec of GATE_OPTIONS) compare.addOption(new Option(spec.flags, spec.description));
  compare
    .option('-f, --format <name>', 'table, markdown or json (default: table)')
    .option('--results-dir <dir>', 'where runs and baselines are kept (default: ./bench-results)')
    .option('--no-save', 'do not save the run made for HEAD')
    .option('--no-color', 'no colours')
    .option('--quiet', 'no progress bar')
    .addHelpText('after', examplesText('compare'))
    .action((base: string, head: string | undefined, options: ResultOptions) => actions.compare(base, head, options));

  program
    .command('check')
    .description(
      'assert the shapes that hold on any machine (threads gain nothing on CPU under the GIL, waits overlap, …)',
    )
    .argument('[result]', 'a saved result (default: run a short CPU and I/O suite now)')
    .option('-t, --threads <n>', 'threads for the run (default: available cores, at least 2)')
    .option('--no-color', 'no colours')
    .option('--quiet', 'no progress bar')
    .addHelpText('after', examplesText('check'))
    .action((file: string | undefined, options: RawOptions) => actions.check(file, options));

  program
    .command('merge')
    .description('put runs from several machines side by side (a CI matrix)')
    .argument('<results...>', 'two or more result files')
    .option('-f, --format <name>', 'table, markdown or json (default: table)')
    .option('--no-color', 'no colours')
    .addHelpText('after', examplesText('merge'))
    .action((files: string[], options: ResultOptions) => actions.merge(files, options));

  const calibrate = program
    .command('calibrate')
    .description(
      'run the same workloads in real CPython (threads, asyncio, multiprocessing, to_thread) and show the simulation beside it',
    )
    .option('--python <path>', 'the Python interpreter (≥ 3.9; default: python3 on PATH)')
    .option('-q, --quick', 'small tasks and few iterations (about a minute)')
    .option('-t, --threads <n>', 'threads and processes (default: available cores, at least 2)')
    .option(
      '--switch-interval <ms>',
      'switch interval for both the simulation and CPython (sys.setswitchinterval) (default: 5)',
    );
  for (const long of ['--gil-wake', '--seed', '--no-save', '--results-dir', '--quiet', '--json', '--no-color'])
    calibrate.addOption(runOption(long));
  for (const option of targetOptions()) calibrate.addOption(option);
  calibrate
    .addHelpText('after', examplesText('calibrate'))
    .action((options: CalibrateOptions) => actions.calibrate(options));

  const report = program
    .command('report')
    .description('render a saved result again, in any format: an HTML page with charts, Markdown, CSV, …')
    .argument('<result>', 'a saved result file')
    .option('--html <file>', 'write a self-contained HTML report with SVG charts')
    .option(
      '--lanes [cell]',
      'print a strip per thread of a traced cell (a run made with --trace or --lanes): gil-threads, async-offload, WORKLOAD/STRATEGY or WORKLOAD/STRATEGY/Nt',
    );
  for (const option of targetOptions()) report.addOption(option);
  report
    .option('--details', "every workload's table and each strategy's reasoning, before the summary")
    .option('--no-color', 'no colours')
    .addHelpText('after', examplesText('report'))
    .action((file: string, options: ResultOptions) => actions.report(file, options));
  return program;
}
