import { Command, Option, type OutputConfiguration } from 'commander';
import type { RawOptions } from '../config/resolve.js';
import type { RawTarget } from '../config/targets.js';
import { FORMAT_NAMES } from '../reporters/formats.js';
import type { SuiteName } from '../config/types.js';
import { VERSION } from '../version.js';
import { examplesText, RUN_OPTIONS } from './options.js';

/** What the commands do; main.ts supplies these, tests supply their own. */
export interface Actions {
  bench(suite: SuiteName, options: RawOptions): Promise<void>;
  list(options: { json?: boolean }): Promise<void>;
}

const SUITES: ReadonlyArray<{ name: SuiteName; summary: string }> = [
  { name: 'cpu', summary: 'run the CPU-bound workloads under every strategy' },
  { name: 'io', summary: 'run the I/O-bound workloads under every strategy' },
  { name: 'mixed', summary: 'run CPU and I/O work side by side: the convoy effect' },
  { name: 'all', summary: 'run every built-in workload: CPU-bound, I/O-bound and mixed' },
];

/**
 * --format and --output share one list, filled in command-line order, so that each --output
 * belongs to the --format just before it.
 */
function targetOptions(): Option[] {
  const targets: RawTarget[] = [];
  const format = new Option('-f, --format <name>', `output format: ${FORMAT_NAMES.join(', ')}; repeat with --output to write several (default: table)`).argParser(
    (value: string) => {
      targets.push({ format: value });
      return targets;
    },
  );
  const output = new Option('-o, --output <file>', 'write the --format before it to FILE (atomically); without --format the extension decides').argParser(
    (value: string) => {
      const last = targets[targets.length - 1];
      if (last && last.output === undefined) last.output = value;
      else targets.push({ output: value });
      return targets;
    },
  );
  return [format, output];
}

function addRunOptions(command: Command): Command {
  for (const spec of RUN_OPTIONS) command.addOption(new Option(spec.flags, spec.description));
  for (const option of targetOptions()) command.addOption(option);
  return command;
}

/**
 * The command-line grammar and nothing else: no measuring, no printing of results. Exported so
 * tests can parse argv without running anything.
 */
export function createProgram(actions: Actions, output?: OutputConfiguration): Command {
  const program = new Command('gil-bench')
    .description('See how a GIL, an event loop, threads and parallel workers behave on CPU- and I/O-bound work, measured on this machine.')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .addHelpText('after', `${examplesText('program')}\nExit codes: 0 ok, 1 a cell failed or gave wrong results, 2 bad input, 130 interrupted.\n`);
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
      .addOption(new Option('--workload <file...>', 'a workload module file (JavaScript, ESM); may be given more than once')),
  )
    .addHelpText('after', examplesText('run'))
    .action((options: RawOptions) => actions.bench('run', options));
  program
    .command('list')
    .description('list the workloads and strategies')
    .option('--json', 'as JSON')
    .addHelpText('after', examplesText('list'))
    .action((options: { json?: boolean }) => actions.list(options));
  return program;
}
