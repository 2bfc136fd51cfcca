import { resolve as resolvePath } from 'node:path';
import { DEFAULT_WIDTH } from './formats.js';

// What the process looks like (its environment, terminal and folder) and the decisions drawn only
// from that: colour, width and where results are kept. Passed in, so that resolving stays pure.

/** What the process looks like; passed in so that resolving stays a pure function. */
export interface ProcessFacts {
  env: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY: boolean;
  /** The terminal's width, when stdout is one. */
  stdoutColumns?: number;
  cwd: string;
  availableParallelism: number;
}

/** Whether to colour: off for --no-color, NO_COLOR, or a non-terminal stdout, unless FORCE_COLOR. */
export function decideColor(flag: boolean | undefined, facts: Pick<ProcessFacts, 'env' | 'stdoutIsTTY'>): boolean {
  if (flag === false) return false;
  const force = facts.env['FORCE_COLOR'];
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  if (facts.env['NO_COLOR'] !== undefined && facts.env['NO_COLOR'] !== '') return false;
  return facts.stdoutIsTTY;
}

/** The columns the terminal table fits: the terminal's own, or a wide default when stdout is not a terminal. */
export function decideWidth(
  facts: Pick<ProcessFacts, 'stdoutIsTTY' | 'stdoutColumns'> & { env?: Record<string, string | undefined> },
): number {
  const columns = facts.stdoutColumns ?? 0;
  if (facts.stdoutIsTTY && Number.isInteger(columns) && columns > 0) return columns;
  // Piped or in a file, a width the user asked for ($COLUMNS, as for less and ls), else the full layout.
  const asked = Number(facts.env?.['COLUMNS']);
  return Number.isInteger(asked) && asked >= 40 ? asked : DEFAULT_WIDTH;
}

/** Where runs and baselines are kept: --results-dir, or ./bench-results. */
export function resultsDirOf(raw: string | undefined, cwd: string): string {
  return resolvePath(cwd, raw ?? 'bench-results');
}
