import type { CellResult, SuiteResult } from '../results/types.js';
import type { StrategyName } from '../strategies/types.js';
import { formatRatio } from './format.js';

/** Below this a speedup is "no gain"; above 1 / this, "slower" is not claimed either. */
const GAIN = 1.15;
const LOSS = 0.9;

/** What each strategy corresponds to in Python. */
export const PYTHON_ANALOGUE: Record<StrategyName, string> = {
  sequential: 'a plain for loop',
  'gil-threads': 'threading under the GIL',
  async: 'asyncio',
  workers: 'multiprocessing',
  'async-offload': 'asyncio.to_thread',
};

type Outcome = 'gain' | 'none' | 'loss';

function outcomeOf(speedup: number): Outcome {
  if (speedup >= GAIN) return 'gain';
  return speedup >= LOSS ? 'none' : 'loss';
}

/** Why a strategy did what it did on a kind of work, in plain words. */
function reason(cell: CellResult, gil: SuiteResult['config']['gil'], outcome: Outcome): string {
  const locked = cell.strategy === 'gil-threads' || cell.strategy === 'async-offload';
  if (cell.kind === 'cpu') {
    if (locked && gil === 'none') return 'no lock in this mode (free-threaded Python): threads run CPU work in parallel';
    if (locked && outcome !== 'gain') return 'only one thread can hold the lock, so CPU-bound threads take turns';
    if (locked) return 'the work releases the lock (native code), so threads overlap';
    if (cell.strategy === 'async') return 'one event loop runs CPU work one task at a time; nothing awaits, so nothing overlaps';
    if (cell.strategy === 'workers') {
      return outcome === 'gain' ? `${cell.threads} threads with no lock compute in parallel` : 'parallel threads gained little: are the cores really free?';
    }
  } else {
    if (cell.strategy === 'async') return 'every task waits at once on one event loop';
    if (locked) return `I/O releases the lock, so up to ${cell.threads} threads wait at once`;
    if (cell.strategy === 'workers') return `up to ${cell.threads} threads wait at once; each still blocks while it waits`;
  }
  return 'one task after another';
}

/** A one-line verdict for a cell: what happened, why, and the Python analogue. */
export function verdict(cell: CellResult, result: SuiteResult): string {
  if (cell.state === 'mismatch') {
    const tasks = (cell.mismatches ?? []).map((m) => m.task).join(', ');
    return `WRONG RESULTS: checksums differ from sequential on task ${tasks}; its times are not comparable`;
  }
  if (cell.state === 'errored') return `FAILED: ${cell.error ?? 'unknown error'}`;
  if (cell.strategy === 'sequential') return `the reference (${PYTHON_ANALOGUE.sequential})`;
  if (!cell.speedup) return `no speedup: sequential did not complete (${PYTHON_ANALOGUE[cell.strategy]})`;
  const outcome = outcomeOf(cell.speedup.value);
  const headline = outcome === 'gain' ? `${formatRatio(cell.speedup.value)} faster` : outcome === 'none' ? 'no gain' : `${formatRatio(1 / cell.speedup.value)} slower`;
  return `${headline}: ${reason(cell, result.config.gil, outcome)} (${PYTHON_ANALOGUE[cell.strategy]})`;
}
