import type { CellResult, SuiteResult } from '../results/types.js';
import type { StrategyName } from '../strategies/types.js';
import { formatMs, formatRatio } from './format.js';

/** Below this a speedup is "no gain"; above 1 / this, "slower" is not claimed either. */
const GAIN = 1.15;
const LOSS = 0.9;

type GilMode = SuiteResult['config']['gil'];

const THREADS_UNDER: Record<GilMode, string> = {
  cpython: 'threading under the GIL',
  legacy: 'threading under the Python 2 GIL',
  none: 'threading on free-threaded Python 3.13t/3.14t',
};

/** What a strategy corresponds to in Python, for the simulated lock's mode. */
export function pythonAnalogue(strategy: StrategyName, gil: GilMode): string {
  switch (strategy) {
    case 'sequential':
      return 'a plain for loop';
    case 'gil-threads':
      return THREADS_UNDER[gil];
    case 'async':
      return 'asyncio';
    case 'workers':
      return 'multiprocessing';
    case 'async-offload':
      return gil === 'cpython'
        ? 'asyncio.to_thread'
        : `asyncio.to_thread, ${THREADS_UNDER[gil].replace('threading ', '')}`;
  }
}

type Outcome = 'gain' | 'none' | 'loss';

function outcomeOf(speedup: number): Outcome {
  if (speedup >= GAIN) return 'gain';
  return speedup >= LOSS ? 'none' : 'loss';
}

/** Why a strategy did what it did on a kind of work, in plain words. */
function reason(cell: CellResult, gil: GilMode, outcome: Outcome): string {
  const locked = cell.strategy === 'gil-threads' || cell.strategy === 'async-offload';
  if (cell.kind === 'cpu') {
    if (locked && gil === 'none') return 'no lock in this mode: threads run CPU work in parallel';
    if (locked && gil === 'legacy' && outcome !== 'gain') {
      return 'the holder re-takes the lock at every check while the waiter wakes in vain (the "GIL battle")';
    }
    if (locked && outcome !== 'gain') return 'only one thread can hold the lock, so CPU-bound threads take turns';
    if (locked) return 'the work releases the lock (native code), so threads overlap';
    if (cell.strategy === 'async')
      return 'one event loop runs CPU work one task at a time; nothing awaits, so nothing overlaps';
    if (cell.strategy === 'workers') {
      return outcome === 'gain'
        ? `${cell.threads} threads with no lock compute in parallel`
        : 'parallel threads gained little: are the cores really free?';
    }
  } else {
    if (outcome !== 'gain')
      return "the waits did not overlap: what they wait on (a disk, libuv's thread pool) serves one at a time";
    if (cell.strategy === 'async') return 'every task waits at once on one event loop';
    if (locked) return `I/O releases the lock, so up to ${cell.threads} threads wait at once`;
    if (cell.strategy === 'workers')
      return `up to ${cell.threads} threads wait at once; each still blocks while it waits`;
  }
  return 'one task after another';
}

/**
 * Mixed work is judged by its I/O operations, against sequential's, where the I/O task runs alone:
 * the convoy effect is the extra wait for the lock after each I/O completes.
 */
function mixedVerdict(cell: CellResult, result: SuiteResult, analogue: string): string {
  const alone = result.cells.find((c) => c.workload === cell.workload && c.strategy === 'sequential')?.io;
  const io = cell.io;
  if (!io || !alone) return `no I/O latency to compare (${analogue})`;
  if (cell.strategy === 'sequential')
    return `the reference: the I/O task runs alone, I/O op p50 ${formatMs(io.p50)} (${analogue})`;
  const extra = io.p50 - alone.p50;
  const intervals = extra / result.config.switchIntervalMs;
  const locked = cell.strategy === 'gil-threads' || cell.strategy === 'async-offload';
  if (locked && result.config.gil !== 'none') {
    return `each I/O op waits ${formatMs(extra)} more than alone (${intervals.toFixed(2)} switch intervals) for the lock the CPU task holds: the convoy effect (${analogue})`;
  }
  if (cell.strategy === 'async') {
    return `I/O op p50 ${formatMs(io.p50)} but max ${formatMs(io.max)}: the CPU task blocked the event loop (${analogue})`;
  }
  return `I/O op p50 ${formatMs(io.p50)} vs ${formatMs(alone.p50)} alone: no shared lock, no convoy (${analogue})`;
}

/** Above this heartbeat lag (ms) the main event loop counts as blocked. */
const BLOCKED_MS = 10;

/** Responsiveness is judged by how late the main loop's heartbeat fired while the tasks ran. */
function loopVerdict(cell: CellResult, analogue: string): string {
  const host = cell.host;
  if (!host) return `no heartbeat figures (${analogue})`;
  const lag = `heartbeat p99 ${formatMs(host.loopLagP99)}, max ${formatMs(host.loopLagMax)}`;
  if (host.loopLagP99 <= BLOCKED_MS) {
    const who = cell.strategy === 'gil-threads' ? 'the main thread only dispatches' : 'the work runs on other threads';
    return `the event loop stays responsive (${lag}): ${who} (${analogue})`;
  }
  if (cell.strategy === 'sequential')
    return `no event loop runs during the batch: the heartbeat waited for all of it (${lag}) (${analogue})`;
  if (cell.strategy === 'async')
    return `CPU work on the event loop blocks it: timers and sockets wait (${lag}) (${analogue})`;
  return `the event loop was blocked (${lag}) (${analogue})`;
}

/** A one-line verdict for a cell: what happened, why, and the Python analogue. */
export function verdict(cell: CellResult, result: SuiteResult): string {
  if (cell.state === 'mismatch') {
    const tasks = (cell.mismatches ?? []).map((m) => m.task).join(', ');
    return `WRONG RESULTS: checksums differ from sequential on task ${tasks}; its times are not comparable`;
  }
  if (cell.state === 'errored') return `FAILED: ${cell.error ?? 'unknown error'}`;
  const gil = result.config.gil;
  const analogue = pythonAnalogue(cell.strategy, gil);
  if (cell.focus === 'io-latency') return mixedVerdict(cell, result, analogue);
  if (cell.focus === 'loop-lag') return loopVerdict(cell, analogue);
  if (cell.strategy === 'sequential') return `the reference (${analogue})`;
  if (!cell.speedup) return `no speedup: sequential did not complete (${analogue})`;
  const outcome = outcomeOf(cell.speedup.value);
  const headline =
    outcome === 'gain'
      ? `${formatRatio(cell.speedup.value)} faster`
      : outcome === 'none'
        ? 'no gain'
        : `${formatRatio(1 / cell.speedup.value)} slower`;
  return `${headline}: ${reason(cell, gil, outcome)} (${analogue})`;
}
