/**
 * `gil-bench guide`: "threads or asyncio?" answered on this machine. Its run is `mixed --io-ratio`
 * over five shares of waiting, short (--quick's batches, a few more rounds), with the user's own
 * workload beside it when given (`run --workload FILE`); it goes through the same `bench` as every
 * measuring command, and the guide is its report (`--format guide`).
 */
import type { RawOptions } from '../config/resolve.js';
import type { RawTarget } from '../config/targets.js';
import type { SuiteName } from '../config/types.js';
import type { Io } from './io.js';

/** From pure CPU to pure waiting: five points, the fewest that show where the curves bend and cross. */
export const GUIDE_POINTS = [0, 0.25, 0.5, 0.75, 1] as const;
/**
 * Rounds per cell: --quick's five leave 95% intervals too wide to tell most strategies apart; eight
 * narrow them by about a fifth and keep the whole guide within half a minute on two cores.
 */
export const GUIDE_ITERATIONS = 8;

/** The options `guide` takes, as commander gives them. */
export interface GuideOptions {
  workload?: string;
  python?: string;
  threads?: string;
  seed?: string;
  color?: boolean;
  quiet?: boolean;
  save?: boolean;
  resultsDir?: string;
  /** --format and --output fill the same list, in command-line order. */
  format?: RawTarget[];
  output?: RawTarget[];
}

/** The guide's run, as a command line of the measuring commands would give it. */
export function guideRun(options: GuideOptions): { suite: SuiteName; raw: RawOptions } {
  const targets = options.format ?? options.output ?? [];
  // The guide goes to stdout unless a --format without --output takes that place.
  const stdoutTaken = targets.some((t) => t.output === undefined);
  const passed: Array<keyof GuideOptions & keyof RawOptions> = [
    'python',
    'threads',
    'seed',
    'color',
    'quiet',
    'save',
    'resultsDir',
  ];
  const raw: RawOptions = {
    ioRatio: GUIDE_POINTS.join(','),
    quick: true,
    iterations: String(GUIDE_ITERATIONS),
    ...(options.workload !== undefined ? { workload: [options.workload] } : {}),
    format: stdoutTaken ? targets : [{ format: 'guide' }, ...targets],
  };
  for (const key of passed) if (options[key] !== undefined) Object.assign(raw, { [key]: options[key] });
  return { suite: options.workload !== undefined ? 'run' : 'mixed', raw };
}

/** Runs the guide's sweep through `bench`, like every measuring command. Returns the exit code. */
export async function guideCommand(options: GuideOptions, io: Io): Promise<number> {
  const { bench } = await import('./bench.js');
  const { suite, raw } = guideRun(options);
  return bench(suite, raw, io);
}
