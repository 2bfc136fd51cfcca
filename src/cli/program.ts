import { Command, Option, type Argument, type OutputConfiguration } from './commander.js';
import type { RawOptions } from '../config/resolve.js';
import type { RawTarget } from '../config/targets.js';
import { COMMANDS, helpOf, optionOf, type CommandName } from '../config/options.js';
import type { SuiteName } from '../config/types.js';
import { EXIT_MEANINGS } from '../errors.js';
import { VERSION } from '../version.js';
import type { CalibrateOptions } from './calibrate.js';
import type { GuideOptions } from './guide.js';
import type { GateOptions } from '../config/gate.js';
import { examplesText } from './examples.js';

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
  guide(options: GuideOptions): Promise<void>;
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
function targetOptions(formats: readonly string[]): Option[] {
  const targets: RawTarget[] = [];
  const format = new Option(
    '-f, --format <name>',
    `${formats.join(', ')}; repeat with -o for several (default: table)`,
  ).argParser((value: string) => {
    targets.push({ format: value });
    return targets;
  });
  const output = new Option('-o, --output <file>', 'write the --format before it to FILE').argParser(
    (value: string) => {
      const last = targets[targets.length - 1];
      if (last && last.output === undefined) last.output = value;
      else targets.push({ output: value });
      return targets;
    },
  );
  return [format, output];
}

/** An argument as commander's help writes it: `<base>`, `[head]`, `<results...>`. */
function argumentTerm(argument: Argument): string {
  const name = `${argument.name()}${argument.variadic ? '...' : ''}`;
  return argument.required ? `<${name}>` : `[${name}]`;
}

/**
 * A command that builds its options the first time it parses arguments or shows its help: a
 * command line names one command, so `--help` and `cpu --help` build one set of options, not
 * eleven (most of what the grammar costs to start).
 */
class LazyCommand extends Command {
  #build: (() => void) | undefined;

  override createCommand(name?: string): Command {
    return new LazyCommand(name);
  }

  /** Defers `build` until this command is used. */
  later(build: () => void): this {
    this.#build = build;
    return this;
  }

  /** Whether options are still to be built. */
  get pending(): boolean {
    return this.#build !== undefined;
  }

  #built(): void {
    const build = this.#build;
    this.#build = undefined;
    build?.();
  }

  override parseOptions(argv: string[]): ReturnType<Command['parseOptions']> {
    this.#built();
    return super.parseOptions(argv);
  }

  override helpInformation(context?: Parameters<Command['helpInformation']>[0]): string {
    this.#built();
    return super.helpInformation(context);
  }
}

/** Adds a command's options, from the one option table (config/options.ts), and its --format, when it is used. */
function withOptions(command: Command, name: CommandName): Command {
  const build = (): void => {
    const spec = COMMANDS[name];
    // Commands with a few options list them under one heading; the measuring ones by topic.
    const grouped = spec.options.length > 12;
    for (const key of spec.options) {
      const option = optionOf(name, key);
      const added = new Option(option.flags, helpOf(option));
      command.addOption(grouped && option.group ? added.helpGroup(`${option.group}:`) : added);
    }
    if ('singleFormat' in spec)
      command.addOption(
        new Option(
          '-f, --format <name>',
          helpOf({ flags: '', description: `output format: ${spec.formats.join(', ')}`, default: 'table' }),
        ).helpGroup(grouped ? 'Output:' : ''),
      );
    else if ('formats' in spec)
      for (const option of targetOptions(spec.formats))
        command.addOption(grouped ? option.helpGroup('Output:') : option);
    // The help option joins the last group, rather than a heading of its own at the end.
    if (grouped) command.optionsGroup('Output:').helpOption('-h, --help', 'display this help');
    command.addHelpText('after', examplesText(name === 'bench' ? command.name() : name));
  };
  if (command instanceof LazyCommand) return command.later(build);
  build();
  return command;
}

/**
 * The command-line grammar and nothing else: no measuring, no printing of results. Exported so
 * tests can parse argv without running anything.
 */
export function createProgram(actions: Actions, output?: OutputConfiguration): Command {
  const program = new LazyCommand('gil-bench')
    .description(
      'See how a GIL, an event loop, threads and parallel workers behave on CPU- and I/O-bound work, measured on this machine.',
    )
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    // The top level's list marks the commands that take options without building them.
    .configureHelp({
      subcommandTerm: (command) =>
        [
          command.name(),
          ...(command.options.length > 0 || (command instanceof LazyCommand && command.pending) ? ['[options]'] : []),
          ...command.registeredArguments.map(argumentTerm),
        ].join(' '),
    })
    .addHelpText(
      'after',
      `${examplesText('program')}\nExit codes:\n${EXIT_MEANINGS.map(([code, meaning]) => `  ${String(code).padStart(3)}  ${meaning}`).join('\n')}\n`,
    );
  // Commands added after these calls inherit them.
  program.exitOverride();
  if (output) program.configureOutput(output);

  for (const suite of SUITES) {
    withOptions(program.command(suite.name).description(suite.summary), 'bench').action((options: RawOptions) =>
      actions.bench(suite.name, options),
    );
  }
  withOptions(
    program.command('run').description('run your own workload module (see README: "Your own workloads")'),
    'run',
  ).action((options: RawOptions) => actions.bench('run', options));
  program
    .command('list')
    .description('list the workloads and strategies')
    .option('--json', 'as JSON')
    .addHelpText('after', examplesText('list'))
    .action((options: { json?: boolean }) => actions.list(options));

  withOptions(
    program
      .command('compare')
      .description('compare two saved runs, cell by cell, with confidence intervals and a significance test')
      .argument('<base>', 'a result file, or the name of a baseline in bench-results/baselines/')
      .argument('[head]', "a result file or baseline name (default: run now with the base run's configuration)"),
    'compare',
  ).action((base: string, head: string | undefined, options: ResultOptions) => actions.compare(base, head, options));

  withOptions(
    program
      .command('check')
      .description(
        'assert the shapes that hold on any machine (threads gain nothing on CPU under the GIL, waits overlap, …)',
      )
      .argument('[result]', 'a saved result (default: run a short CPU and I/O suite now)'),
    'check',
  ).action((file: string | undefined, options: RawOptions) => actions.check(file, options));

  withOptions(
    program
      .command('merge')
      .description('put runs from several machines side by side (a CI matrix)')
      .argument('<results...>', 'two or more result files'),
    'merge',
  ).action((files: string[], options: ResultOptions) => actions.merge(files, options));

  withOptions(
    program
      .command('guide')
      .description(
        'threads or asyncio? a short sweep from pure CPU to pure waiting on this machine (about half a minute), its chart, and one decision per region',
      ),
    'guide',
  ).action((options: GuideOptions) => actions.guide(options));

  withOptions(
    program
      .command('calibrate')
      .description(
        'run the same workloads in real CPython (threads, asyncio, multiprocessing, to_thread) and show the simulation beside it',
      ),
    'calibrate',
  ).action((options: CalibrateOptions) => actions.calibrate(options));

  withOptions(
    program
      .command('report')
      .description('render a saved result again, in any format: an HTML page with charts, Markdown, CSV, …')
      .argument('<result>', 'a saved result file'),
    'report',
  ).action((file: string, options: ResultOptions) => actions.report(file, options));
  return program;
}
