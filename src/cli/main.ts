import { WorkloadContractError } from '../../workloads/contract-error.js';
import { EXIT, UsageError } from '../errors.js';
import { processIo, type Io } from './io.js';
import { CommanderError } from './commander.js';
import { createProgram } from './program.js';

export type { Io } from './io.js';

/**
 * A smaller young generation for every isolate (set before any worker starts, so all get the same):
 * allocation-heavy workloads otherwise grow each thread's heap by tens of MB, for no gain in speed.
 * Set by the commands that measure, so that `--help` and `list` do not load V8's module.
 */
async function beforeMeasuring(): Promise<void> {
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--max-semi-space-size=8');
}

/**
 * The command-line entry: parse, run, report, and decide the exit code. The only place that prints
 * "error: …" and the only place that turns errors into exit codes.
 */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let code: number = EXIT.ok;
  const program = createProgram(
    {
      bench: async (suite, options) => {
        await beforeMeasuring();
        const { bench } = await import('./bench.js');
        code = await bench(suite, options, io);
      },
      compare: async (base, head, options) => {
        await beforeMeasuring();
        const { compareCommand } = await import('./compare.js');
        code = await compareCommand(
          base,
          head,
          { ...options, format: typeof options.format === 'string' ? options.format : undefined },
          io,
        );
      },
      check: async (file, options) => {
        await beforeMeasuring();
        const { checkCommand } = await import('./result-commands.js');
        code = await checkCommand(file, options, io);
      },
      merge: async (files, options) => {
        const { mergeCommand } = await import('./result-commands.js');
        code = await mergeCommand(
          files,
          { color: options.color, format: typeof options.format === 'string' ? options.format : undefined },
          io,
        );
      },
      report: async (file, options) => {
        const { reportCommand } = await import('./result-commands.js');
        const targets = Array.isArray(options.format) ? options.format : options.output;
        code = await reportCommand(
          file,
          {
            ...(options.html ? { html: options.html } : {}),
            ...(options.lanes !== undefined ? { lanes: options.lanes } : {}),
            ...(targets ? { format: targets } : {}),
            color: options.color,
            details: options.details === true,
          },
          io,
        );
      },
      calibrate: async (options) => {
        await beforeMeasuring();
        const { calibrateCommand } = await import('./calibrate.js');
        code = await calibrateCommand(options, io);
      },
      guide: async (options) => {
        const { guideCommand } = await import('./guide.js');
        code = await guideCommand(options, io);
      },
      list: async ({ json }) => {
        const [{ catalogue, renderCatalogue }, { decideColor }] = await Promise.all([
          import('./list.js'),
          import('../config/process.js'),
        ]);
        io.stdout.write(
          json
            ? `${JSON.stringify(catalogue(), null, 2)}\n`
            : renderCatalogue(decideColor(undefined, { env: io.env, stdoutIsTTY: Boolean(io.stdout.isTTY) })),
        );
      },
    },
    {
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander puts its suggestion on a second line; keep every error to one.
      outputError: (text, write) => write(text.replace(/\n\(Did you mean ([^)]*)\)/, ' (did you mean $1)')),
    },
  );
  try {
    await program.parseAsync([...argv], { from: 'node' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its one-line message (or the help).
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
        ? EXIT.ok
        : EXIT.usage;
    }
    io.stderr.write(`error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    if (error instanceof UsageError || error instanceof WorkloadContractError) return EXIT.usage;
    if (io.env['GIL_BENCH_DEBUG'] && error instanceof Error) io.stderr.write(`${error.stack ?? ''}\n`);
    return EXIT.failed;
  }
}
