import { availableParallelism } from 'node:os';
import { CommanderError } from 'commander';
import { WorkloadContractError } from '../../workloads/loader.js';
import { resolveConfig, decideColor, type RawOptions } from '../config/resolve.js';
import type { SuiteName } from '../config/types.js';
import { describeError, EXIT, UsageError } from '../errors.js';
import { createProgress } from '../output/progress.js';
import { jsonReporter } from '../reporters/json.js';
import { tableReporter } from '../reporters/table.js';
import type { SuiteResult } from '../results/types.js';
import { catalogue, renderCatalogue } from './list.js';
import { createProgram } from './program.js';

/** Where main writes; the real process streams unless a test passes its own. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

const processIo = (): Io => ({ stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });

/** One line per failed cell: which workload, which strategy, which task, what went wrong. */
function failureLines(result: SuiteResult): string[] {
  return result.cells.flatMap((cell) => {
    const where = `${cell.workload} / ${cell.strategy} ×${cell.threads}`;
    if (cell.state === 'mismatch') {
      return (cell.mismatches ?? []).map((m) => `gil-bench: WRONG RESULTS: ${where}, task ${m.task}: expected checksum ${m.expected}, got ${m.actual ?? 'nothing'}`);
    }
    return cell.state === 'errored' ? [`gil-bench: FAILED: ${where}: ${cell.error ?? 'unknown error'}`] : [];
  });
}

/** The exit code a finished run deserves. */
function exitCodeOf(result: SuiteResult, signal: NodeJS.Signals | undefined): number {
  if (result.partial) return signal === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint;
  return result.cells.some((cell) => cell.state !== 'completed') ? EXIT.failed : EXIT.ok;
}

async function bench(suite: SuiteName, raw: RawOptions, io: Io): Promise<number> {
  const { run, output } = resolveConfig(suite, raw, {
    env: io.env,
    stdoutIsTTY: Boolean(io.stdout.isTTY),
    cwd: io.cwd,
    availableParallelism: availableParallelism(),
  });
  // Loaded only now, so --help and list stay fast.
  const [{ runSuite }, { saveResult }] = await Promise.all([import('../measure/runner.js'), import('../results/store.js')]);
  const progress = createProgress(io.stderr, !output.quiet);
  const controller = new AbortController();
  let signal: NodeJS.Signals | undefined;
  const onSignal = (received: NodeJS.Signals): void => {
    // A second Ctrl-C means "now": skip the clean-up.
    if (signal) process.exit(received === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint);
    signal = received;
    progress.clear();
    io.stderr.write(`\n${received} received: stopping after the batch in flight (press Ctrl-C again to quit at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const result = await runSuite(run, { signal: controller.signal, onProgress: (event) => progress.update(event) });
    progress.clear();
    const reporter = output.json ? jsonReporter : tableReporter;
    io.stdout.write(reporter.render(result, { color: output.color }));
    // Failed cells are also named on stderr, so they cannot be missed in a log or behind --json.
    for (const line of failureLines(result)) io.stderr.write(`${line}\n`);
    // Warnings are never silent: the table shows them, and stderr gets them whenever the table
    // is not what a person is looking at (a machine format, or stdout sent to a file or a pipe).
    if (reporter.machine || !io.stdout.isTTY) {
      for (const w of result.warnings) io.stderr.write(`warning: ${w.message} (${w.hint})\n`);
    }
    if (output.save) {
      try {
        const path = await saveResult(result, output.resultsDir);
        if (!output.quiet) io.stderr.write(`result saved to ${path}\n`);
      } catch (error) {
        io.stderr.write(`error: could not save the result in ${output.resultsDir}: ${describeError(error)}\n`);
        return EXIT.failed;
      }
    }
    return exitCodeOf(result, signal);
  } finally {
    progress.clear();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * The command-line entry: parse, run, report, and decide the exit code. The only place that prints
 * "error: …" and the only place that turns errors into exit codes.
 */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let code: number = EXIT.ok;
  const program = createProgram({
    bench: async (suite, options) => {
      code = await bench(suite, options, io);
    },
    list: async ({ json }) => {
      io.stdout.write(json ? `${JSON.stringify(catalogue(), null, 2)}\n` : renderCatalogue(decideColor(undefined, { env: io.env, stdoutIsTTY: Boolean(io.stdout.isTTY) })));
    },
  }, {
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
    // Commander puts its suggestion on a second line; keep every error to one.
    outputError: (text, write) => write(text.replace(/\n\(Did you mean ([^)]*)\)/, ' (did you mean $1)')),
  });
  try {
    await program.parseAsync([...argv], { from: 'node' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its one-line message (or the help).
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? EXIT.ok : EXIT.usage;
    }
    io.stderr.write(`error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    if (error instanceof UsageError || error instanceof WorkloadContractError) return EXIT.usage;
    if (io.env['GIL_BENCH_DEBUG'] && error instanceof Error) io.stderr.write(`${error.stack ?? ''}\n`);
    return EXIT.failed;
  }
}
