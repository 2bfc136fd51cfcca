import type { RunConfig } from '../config/types.js';
import { LOCKED_STRATEGIES, MAIN_THREAD_STRATEGIES } from '../strategies/names.js';
import { gilOf } from '../results/cell-id.js';
import type { CellFacts, CellResult, Mechanism } from '../results/types.js';
import { THRESHOLDS as T } from './thresholds.js';

/** What a mechanism is judged on: one cell, its measured facts, and the run's settings. */
export interface Evidence {
  cell: CellResult;
  facts: CellFacts;
  config: RunConfig;
  /** The sequential cell of the same workload, when it completed. */
  reference?: CellResult;
}

interface Rule {
  /** The premise, on measured quantities only. */
  holds(e: Evidence): boolean;
  /** The mechanism in plain words, quoting the figures it rests on. */
  words(e: Evidence): string;
}

const pct = (share: number | undefined): string => `${Math.round((share ?? 0) * 100)}%`;
const fixed = (x: number | undefined, digits = 1): string => (x ?? 0).toFixed(digits);
const ms = (x: number): string => (Math.abs(x) < 10 ? `${x.toFixed(2)} ms` : `${x.toFixed(1)} ms`);

/**
 * Under a lock that exists: the simulated one in this mode, or, for a Python cell, CPython's GIL
 * unless it was measured off (an interpreter that does not report it is a build with the GIL).
 */
export const underLock = ({ cell, config }: Evidence): boolean =>
  LOCKED_STRATEGIES.includes(cell.strategy) &&
  (cell.runtime ? cell.runtime.gil !== false : gilOf(cell, config.gil) !== 'none');
/**
 * Threads under CPython's real GIL that kept more than one core busy: the work ran with the GIL
 * released (C code such as hashlib's releases it around long calls). Measured, not declared.
 */
const releasedGil = (e: Evidence): boolean => e.cell.runtime !== undefined && underLock(e) && inParallel(e);
const onMainThread = ({ cell }: Evidence): boolean => MAIN_THREAD_STRATEGIES.includes(cell.strategy);
const computeShare = ({ facts }: Evidence): number | undefined =>
  facts.waitShare === undefined ? undefined : 1 - facts.waitShare;
const interpretedShare = ({ facts }: Evidence): number | undefined =>
  facts.waitShare === undefined ? undefined : Math.max(0, 1 - facts.waitShare - (facts.nativeShare ?? 0));
const atLeast = (x: number | undefined, bound: number): boolean => x !== undefined && x >= bound;
const waitsMatter = (e: Evidence): boolean => atLeast(e.facts.waitShare, T.waitsMatter) && e.facts.concurrency >= 2;
/**
 * The share of a core sequential got while it computed: its busy cores over its computing share.
 * Below 1 where other programs took part of its core.
 */
const sequentialCore = (e: Evidence): number | undefined => {
  const { reference } = e;
  const computing = computeShare(e);
  if (!reference?.host || !reference.stats || !(reference.stats.median > 0) || !(computing && computing > 0))
    return undefined;
  return reference.host.cpuMsPerBatch / reference.stats.median / computing;
};
/**
 * Off the main thread, where other programs took part of every core (sequential got under
 * T.sharedCore of one), the cell's busy cores in sequential's cores: parallel tasks then get less
 * than two, and the count alone would miss the parallel compute that this shows.
 */
const busyOverSequential = (e: Evidence): number | undefined => {
  const core = sequentialCore(e);
  if (onMainThread(e) || e.facts.busyCores === undefined || core === undefined || !(core > 0)) return undefined;
  return core < T.sharedCore ? e.facts.busyCores / core : undefined;
};
/**
 * More than one task's worth of cores busy at once: by the count, or by the ratio to sequential,
 * which on a shared machine also counts where it accounts for most of a gain (1.26× sequential's
 * core behind a 1.22× speedup) though it stays below the count's bar.
 */
const inParallel = (e: Evidence): boolean => {
  if (atLeast(e.facts.busyCores, T.parallelCores)) return true;
  const ratio = busyOverSequential(e);
  const gain = e.cell.speedup?.value ?? 0;
  return (
    atLeast(ratio, T.parallelCores) ||
    (gain > 1 && atLeast(ratio, T.sharedParallel) && atLeast(ratio, T.gainShare * gain))
  );
};
/** The busy cores, with sequential's core beside them when only the ratio shows the parallel compute. */
const busyWords = (e: Evidence): string => {
  const own = `${fixed(e.facts.busyCores)} cores busy`;
  if (atLeast(e.facts.busyCores, T.parallelCores) || !inParallel(e)) return own;
  return `${own}, where sequential got ${pct(sequentialCore(e))} of a core: other programs took part of the cores`;
};

/** Whose heap a cell's collections swept: one event loop's, a process's each, or CPython's threads' shared one. */
const heapWords = (e: Evidence): string => {
  if (onMainThread(e)) return 'all its tasks alive at once on one heap';
  if (e.cell.runtime)
    return e.cell.strategy === 'workers'
      ? 'each process collects a heap of its own'
      : "the threads' garbage on one heap, collected by whichever thread comes upon it";
  return 'each thread collects a heap of its own';
};

const active = (e: Evidence): string => `${fixed(e.facts.activeTasks)} tasks computing or waiting at a time`;
/** What runs the tasks: a Python cell's process pool runs processes, everything else threads. */
const runners = (e: Evidence): string => (e.cell.runtime && e.cell.strategy === 'workers' ? 'processes' : 'threads');
/** Where a pool's tasks go: a CPython process pool's processes, or Node's worker threads. */
const poolOf = (e: Evidence): string => (e.cell.runtime ? 'a process' : 'a worker thread');
/** The lock's name: a Python cell's is CPython's own GIL. */
const lockName = (e: Evidence): string => (e.cell.runtime ? 'GIL' : 'lock');

/** How threads overlapped: waits with waits, or one thread's wait with another's computing. */
const together = (e: Evidence): string =>
  atLeast(e.facts.concurrentWaits, T.overlapped)
    ? `${runners(e)} wait at the same time (${fixed(e.facts.concurrentWaits)} waits in flight on average)`
    : `one thread waits while another computes (${active(e)})`;
const waitsVsAlone = (e: Evidence): string =>
  `off-CPU p50 ${ms(e.cell.io?.p50 ?? 0)} vs ${ms(e.reference?.io?.p50 ?? 0)}`;

export const RULES: Record<Mechanism, Rule> = {
  'parallel-compute': {
    holds: (e) => !underLock(e) && e.facts.concurrency >= 2 && inParallel(e) && atLeast(computeShare(e), T.waitsMatter),
    words: (e) =>
      `${e.facts.concurrency} ${runners(e)} computed in parallel (${busyWords(e)})` +
      (LOCKED_STRATEGIES.includes(e.cell.strategy)
        ? e.cell.runtime
          ? ': this build has no GIL'
          : ': there is no lock in this mode'
        : ''),
  },
  'native-unlocked': {
    holds: (e) => underLock(e) && e.facts.concurrency >= 2 && atLeast(e.facts.nativeShare, T.nativeMatters),
    words: (e) =>
      `the work runs in native code with the lock released (${pct(e.facts.nativeShare)} of it), so threads overlap there`,
  },
  'gil-released': {
    holds: (e) => e.facts.concurrency >= 2 && releasedGil(e),
    words: (e) =>
      `the threads computed in parallel under the GIL (${busyWords(e)}): the work runs in code that releases it`,
  },
  'lock-serialised': {
    holds: (e) =>
      underLock(e) &&
      e.facts.concurrency >= 2 &&
      atLeast(interpretedShare(e), T.dominant) &&
      !releasedGil(e) &&
      (e.facts.lockBusy === undefined || e.facts.lockBusy >= T.lockBusy),
    words: (e) =>
      `only one thread can hold the ${e.cell.runtime ? 'GIL' : 'lock'}` +
      (e.facts.lockBusy === undefined ? '' : ` (held ${pct(Math.min(1, e.facts.lockBusy))} of the time)`) +
      `, so the CPU work (${pct(interpretedShare(e))} of each task) takes turns`,
  },
  'lock-battle': {
    holds: (e) => underLock(e) && e.config.gil === 'legacy' && atLeast(e.facts.vainWakeupsPerSecond, T.battlePerSecond),
    words: (e) =>
      `the holder re-takes the lock at every check while waiters wake in vain (${fixed(e.facts.vainWakeupsPerSecond, 0)} a second: the "GIL battle")`,
  },
  'waits-overlapped': {
    // Tasks overlapped, and the waits made it: either computing did not run in parallel, or the
    // waits themselves were in flight together.
    holds: (e) =>
      waitsMatter(e) &&
      atLeast(e.facts.activeTasks, T.overlapped) &&
      (!inParallel(e) || atLeast(e.facts.concurrentWaits, T.overlapped)),
    words: (e) => {
      if (e.cell.strategy === 'async')
        return e.facts.concurrency >= e.cell.tasks
          ? `every task waits at once on one event loop (${active(e)})`
          : `${e.facts.concurrency} tasks wait at once on one event loop, as --async-limit allows (${active(e)})`;
      if (underLock(e)) return `waits release the ${lockName(e)}, so ${together(e)}`;
      return together(e);
    },
  },
  'waits-serial': {
    holds: (e) => waitsMatter(e) && e.facts.activeTasks !== undefined && e.facts.activeTasks < T.serial,
    words: (e) => `the tasks did not overlap, though waits are ${pct(e.facts.waitShare)} of the work (${active(e)})`,
  },
  'waits-shorter': {
    holds: (e) => waitsMatter(e) && e.facts.waitRatio !== undefined && e.facts.waitRatio <= T.shorterWaits,
    words: (e) => `each wait was shorter than alone (${waitsVsAlone(e)})`,
  },
  'waits-longer': {
    holds: (e) => waitsMatter(e) && atLeast(e.facts.waitRatio, T.longerWaits),
    words: (e) =>
      `each wait took longer than alone (${waitsVsAlone(e)}): what they wait on served them slower together`,
  },
  'loop-runs-cpu': {
    holds: (e) => e.cell.strategy === 'async' && atLeast(computeShare(e), T.dominant),
    words: (e) => `one event loop runs the CPU work (${pct(computeShare(e))} of each task) one task at a time`,
  },
  'one-thread': {
    holds: (e) => !onMainThread(e) && e.facts.concurrency === 1,
    words: (e) => {
      const one = e.cell.tasks === 1 ? 'one task: nothing can overlap' : 'one thread: nothing can overlap';
      // Slower at one thread: what the hand-over cost, since overlap cannot be why.
      return (e.cell.speedup?.high ?? 1) < 1 / T.practicalRatio
        ? `${one}, so handing tasks to ${e.facts.transferMs === undefined ? 'it' : poolOf(e)} only cost time`
        : one;
    },
  },
  'cores-not-free': {
    // Only where the probe found the cores busy with other programs: a low count of busy cores
    // alone has other causes (handing tasks over, collecting garbage).
    holds: (e) =>
      !underLock(e) &&
      !onMainThread(e) &&
      e.facts.concurrency >= 2 &&
      atLeast(computeShare(e), T.dominant) &&
      e.facts.busyCores !== undefined &&
      !inParallel(e) &&
      e.facts.freeCores < T.freeShare * e.facts.concurrency,
    words: (e) =>
      `the ${runners(e)} did not compute in parallel: ${fixed(e.facts.busyCores)} cores busy (${fixed(e.facts.freeCores)} free when the run started)`,
  },
  contention: {
    // Threads only: a process pool's workers share no objects, and its costs are measured apart.
    holds: (e) =>
      LOCKED_STRATEGIES.includes(e.cell.strategy) &&
      !underLock(e) &&
      e.facts.concurrency >= 2 &&
      atLeast(computeShare(e), T.dominant) &&
      inParallel(e) &&
      (e.cell.speedup?.value ?? Number.POSITIVE_INFINITY) <= 1,
    words: (e) =>
      `the threads kept the cores busy (${busyWords(e)}) yet ran no faster: they got in each other's way (contention on shared objects or locks in the code, or on memory)`,
  },
  'handoff-cost': {
    holds: (e) => !onMainThread(e) && !inParallel(e) && !atLeast(e.facts.concurrentWaits, T.overlapped),
    words: (e) => {
      const nothing = atLeast(e.facts.waitShare, T.waitsMatter)
        ? `neither parallel compute (${fixed(e.facts.busyCores)} cores busy) nor overlapping waits were measured`
        : `nothing ran in parallel (${fixed(e.facts.busyCores)} cores busy)`;
      return `${nothing}, so handing tasks to ${runners(e)} ${(e.cell.speedup?.high ?? 1) < 1 ? 'only cost time' : 'gained nothing'}`;
    },
  },
  'transfer-cost': {
    holds: (e) =>
      e.facts.transferMs !== undefined &&
      e.facts.taskMs !== undefined &&
      e.facts.transferMs >= T.transferMatters * e.facts.taskMs,
    words: (e) =>
      `sending each task's input to ${poolOf(e)} and its result back costs ${ms(e.facts.transferMs ?? 0)} (measured with no work), against ${ms(e.facts.taskMs ?? 0)} of work per task`,
  },
  'gc-heavy': {
    holds: (e) => {
      const own = e.cell.host?.gcMsPerBatch;
      const alone = e.reference?.host?.gcMsPerBatch;
      const batch = e.reference?.stats?.median;
      return own !== undefined && alone !== undefined && batch !== undefined && own - alone >= T.gcMatters * batch;
    },
    words: (e) =>
      `garbage collection took ${ms(e.cell.host?.gcMsPerBatch ?? 0)} a batch against sequential's ${ms(e.reference?.host?.gcMsPerBatch ?? 0)} (${heapWords(e)})`,
  },
  convoy: {
    holds: (e) => underLock(e) && atLeast(e.facts.ioExtraMs, convoyBound(e.config)),
    words: (e) => {
      const extra = e.facts.ioExtraMs ?? 0;
      const intervals =
        e.config.gil === 'cpython' ? ` (${(extra / e.config.switchIntervalMs).toFixed(2)} switch intervals)` : '';
      return `each I/O op waits ${ms(extra)} more than alone${intervals} for the lock the CPU task holds: the convoy effect`;
    },
  },
  'no-convoy': {
    holds: (e) => e.facts.ioExtraMs !== undefined && e.facts.ioExtraMs < convoyBound(e.config),
    words: (e) => {
      const why = underLock(e)
        ? 'the lock was handed back without delay'
        : LOCKED_STRATEGIES.includes(e.cell.strategy)
          ? 'no lock in this mode, no convoy'
          : 'no shared lock, no convoy';
      return `off-CPU p50 ${ms(e.cell.io?.p50 ?? 0)} vs ${ms(aloneOf(e)?.p50 ?? 0)} alone: ${why}`;
    },
  },
  'loop-blocked': {
    holds: (e) =>
      e.cell.focus === 'io-latency'
        ? e.cell.strategy === 'async' && ioMaxBeyondAlone(e) >= T.blockedMs
        : atLeast(e.facts.loopLagP99, T.blockedMs + Number.EPSILON),
    words: (e) => {
      if (e.cell.focus === 'io-latency') {
        return `off-CPU p50 ${ms(e.cell.io?.p50 ?? 0)} but max ${ms(e.cell.io?.max ?? 0)}: the CPU task blocked the event loop`;
      }
      const lag = `loop lag p99 ${ms(e.facts.loopLagP99 ?? 0)}`;
      if (e.cell.strategy === 'sequential') return `no event loop runs during the batch: its timers waited (${lag})`;
      if (e.cell.strategy === 'async') return `CPU work on the event loop blocks it: timers and sockets wait (${lag})`;
      return `the event loop was blocked (${lag})`;
    },
  },
  'loop-responsive': {
    holds: (e) => e.cell.focus === 'loop-lag' && e.facts.loopLagP99 !== undefined && e.facts.loopLagP99 <= T.blockedMs,
    words: (e) =>
      `the event loop stays responsive (loop lag p99 ${ms(e.facts.loopLagP99 ?? 0)}): ` +
      (e.cell.strategy === 'gil-threads' ? 'the main thread only dispatches' : 'the work runs on other threads'),
  },
  'loop-needs-lock': {
    holds: (e) => e.cell.strategy === 'async-offload' && underLock(e) && atLeast(e.facts.lockBusy, T.lockBusy),
    words: (e) =>
      `its callbacks need the lock, which the CPU threads held ${pct(Math.min(1, e.facts.lockBusy ?? 0))} of the time`,
  },
};

/** How much longer than alone an I/O op must take to have waited for the lock, ms. */
function convoyBound(config: RunConfig): number {
  return config.gil === 'cpython' ? T.convoyIntervals * config.switchIntervalMs : 1;
}

/** The same I/O alone under this strategy, or (older results) under sequential. */
const aloneOf = (e: Evidence): CellResult['io'] => e.cell.ioAlone ?? e.reference?.io;

function ioMaxBeyondAlone(e: Evidence): number {
  return (e.cell.io?.max ?? 0) - (aloneOf(e)?.max ?? Infinity);
}

/** Every mechanism whose premise the measurements satisfy, in the order of RULES. */
export function mechanismsOf(e: Evidence): Mechanism[] {
  return (Object.keys(RULES) as Mechanism[]).filter((m) => RULES[m].holds(e));
}
