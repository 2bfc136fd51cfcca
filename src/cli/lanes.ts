/** `--lanes`: one traced cell's strips, fitted to the terminal, on the stream the table went to. */
import type { LaneChoice } from '../config/trace-options.js';
import { chosenCell, tracedCells } from '../reporters/lanes-key.js';
import { renderLanesText } from '../reporters/lanes-text.js';
import type { SuiteResult } from '../results/types.js';
import type { Io } from './io.js';

/** Where a non-terminal gets the strips: the width of a classic terminal. */
const DEFAULT_WIDTH = 80;

/**
 * Prints the strips of the cell `choice` names to `stream` (stdout, unless it carries a machine
 * format), and, unless the choice named a strategy, async's tasks on the same workload beneath
 * them: the lock's threads taking turns, then the loop's tasks taking theirs. Returns false when no
 * traced cell matches (its batches failed, or the run stopped first).
 */
export function printLanes(
  result: SuiteResult,
  choice: LaneChoice,
  io: Io,
  options: { color: boolean; toStderr: boolean },
): boolean {
  const cell = chosenCell(result.cells, choice);
  if (!cell) return false;
  const stream = options.toStderr ? io.stderr : io.stdout;
  const columns = (stream as { columns?: number }).columns;
  const width = stream.isTTY && columns && columns > 0 ? columns : DEFAULT_WIDTH;
  const loop =
    choice.strategy === undefined && cell.strategy !== 'async'
      ? tracedCells(result.cells).find(
          (c) => c.strategy === 'async' && c.workload === cell.workload && c.ioRatio === cell.ioRatio,
        )
      : undefined;
  for (const shown of loop ? [cell, loop] : [cell])
    stream.write(`\n${renderLanesText(shown, shown.timeline, result.config, { width, color: options.color })}`);
  return true;
}
