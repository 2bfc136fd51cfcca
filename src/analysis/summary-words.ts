/**
 * The summary's words: the kind of work a row measured, each mechanism in general terms with the
 * range of the figure it rests on, and the openings of the sentences. Built from verdicts and facts.
 */
import { strategyLabel } from '../results/cell-id.js';
import type { CellFacts, CellResult, VerdictClass } from '../results/types.js';
import type { Figure, SummaryRow } from './summary-types.js';
import { THRESHOLDS as T } from './thresholds.js';

/** The work a row measured, from its sequential run's shares of waiting and native code. */
export type Work = 'computing' | 'native' | 'waiting' | 'mixed' | 'unmeasured';

export function workOf(facts: CellFacts | undefined): Work {
  const wait = facts?.waitShare;
  if (wait === undefined) return 'unmeasured';
  const native = facts?.nativeShare ?? 0;
  if (wait >= T.dominant) return 'waiting';
  if (native >= T.nativeMatters) return 'native';
  return wait < T.waitsMatter ? 'computing' : 'mixed';
}

/**
 * The latency figures' names and what they measure: one vocabulary for the verdicts, the
 * summary, its legend and the tables. An I/O op's figure is the time its task was off the CPU
 * (the wait, then any wait for the lock), not the I/O device's latency; the loop's is how late a
 * 1 ms timer on the main event loop fired.
 */
export const FIGURE_NAME = {
  speedup: 'speedup',
  'io-p50': 'off-CPU p50',
  'loop-lag-p99': 'loop lag p99',
} as const satisfies Record<Figure, string>;
export const FIGURE_MEANING = {
  speedup: "sequential's time ÷ the strategy's",
  'io-p50': 'each I/O op from its start until its task ran again, any wait for the lock included',
  'loop-lag-p99': 'how late a 1 ms timer on the main event loop fired',
} as const satisfies Record<Figure, string>;

/** The practical margin, %: a change smaller than this is not called one. */
const PRACTICAL = Math.round((T.practicalRatio - 1) * 100);
/** What the speedup marks mean: the rule `directionOf` applies, in the legend's words. */
export const MARKS_RULE = `▲ faster, ▼ slower: the whole 95% interval clears 1 by over ${PRACTICAL}% on that side`;
/** What a speedup shown as its interval means: the interval decides no change of that size. */
export const RANGE_RULE = `a range: the 95% interval, where it does not clear 1 by over ${PRACTICAL}%`;
export const SAME_RULE = `= the 95% interval does not clear 1 by over ${PRACTICAL}%`;

/** A share as a whole percentage, without the sign (ranges read "97–99%"). */
export const pct = (x: number): string => String(Math.round(x * 100));
export const fixed = (digits: number) => (x: number) => x.toFixed(digits);
export const msOf = (x: number): string => (Math.abs(x) < 10 ? x.toFixed(2) : x.toFixed(1));

/** "1.3–1.9" or "1.9": the spread of a figure over the cells a sentence covers. */
export function spread(values: readonly number[], show: (x: number) => string): string {
  const shown = [...new Set([...values].sort((a, b) => a - b).map(show))];
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown[0]}–${shown[shown.length - 1]}`;
}

/** "a, b and c". */
export function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A mechanism in general words, with the measured figure it rests on. */
interface Gist {
  words: string;
  figure?: (cell: CellResult) => number | undefined;
  /** The figure's range in words; `cell` is one of the clause's, for what its focus measures. */
  show?: (range: string, cell: CellResult) => string;
}

const GISTS: Partial<Record<VerdictClass, Gist>> = {
  'parallel-compute': {
    words: 'threads computed in parallel',
    figure: (c) => c.verdict?.facts.busyCores,
    show: (r) => `${r} cores busy`,
  },
  'native-unlocked': {
    words: 'the native code ran with the lock released, so threads overlapped there',
    figure: (c) => c.verdict?.facts.nativeShare,
    show: (r) => `${r}% of the work`,
  },
  'gil-released': {
    words: 'the work ran with the GIL released, so threads computed in parallel',
    figure: (c) => c.verdict?.facts.busyCores,
    show: (r) => `${r} cores busy`,
  },
  'lock-serialised': {
    words: 'only one thread can hold the lock, so the CPU work took turns',
    figure: (c) => Math.min(1, c.verdict?.facts.lockBusy ?? Number.NaN),
    show: (r) => `lock held ${r}% of the time`,
  },
  'lock-battle': {
    words: 'waiters woke in vain while the holder re-took the lock, the GIL battle',
    figure: (c) => c.verdict?.facts.vainWakeupsPerSecond,
    show: (r) => `${r} a second`,
  },
  'waits-overlapped': {
    words: 'the waits overlapped',
    figure: (c) => c.verdict?.facts.activeTasks,
    show: (r) => `${r} tasks computing or waiting at a time`,
  },
  'waits-serial': {
    words: 'the waits did not overlap',
    figure: (c) => c.verdict?.facts.activeTasks,
    show: (r) => `${r} tasks computing or waiting at a time`,
  },
  'waits-shorter': {
    words: 'each wait was shorter than alone',
    figure: (c) => c.verdict?.facts.waitRatio,
    show: (r) => `${r}× as long`,
  },
  'waits-longer': {
    words: 'each wait took longer than alone, as what they wait on served them slower together',
    figure: (c) => c.verdict?.facts.waitRatio,
    show: (r) => `${r}× as long`,
  },
  'loop-runs-cpu': { words: 'one event loop ran the CPU work one task at a time' },
  'one-thread': { words: 'with one thread nothing can overlap' },
  'cores-not-free': {
    words: 'the cores were not free for the threads to compute in parallel',
    figure: (c) => c.verdict?.facts.busyCores,
    show: (r) => `${r} cores busy`,
  },
  contention: {
    words:
      "the threads kept the cores busy yet got in each other's way (contention on shared objects, locks or memory)",
    figure: (c) => c.verdict?.facts.busyCores,
    show: (r) => `${r} cores busy`,
  },
  'transfer-cost': {
    words: "sending each task's input to the pool and back cost a real share of the work",
    figure: (c) => c.verdict?.facts.transferMs,
    show: (r) => `${r} ms a task, measured with no work`,
  },
  'too-noisy': { words: 'its interval holds both no change and a large one; run it again' },
  'handoff-cost': {
    words: 'nothing ran in parallel and no waits overlapped, so handing tasks to threads gained nothing',
    figure: (c) => c.verdict?.facts.busyCores,
    show: (r) => `${r} cores busy`,
  },
  convoy: {
    words: 'each I/O op waited for the lock the CPU task held, the convoy effect',
    figure: (c) => c.verdict?.facts.ioExtraMs,
    show: (r) => `+${r} ms per op`,
  },
  'no-convoy': { words: 'its I/O ops took about as long as alone' },
  'loop-blocked': {
    words: 'the event loop was blocked',
    figure: (c) => (c.focus === 'io-latency' ? c.io?.max : c.verdict?.facts.loopLagP99),
    show: (r, c) => (c.focus === 'io-latency' ? `off-CPU max ${r} ms` : `loop lag p99 ${r} ms`),
  },
  'loop-responsive': {
    words: 'the event loop stayed responsive',
    figure: (c) => c.verdict?.facts.loopLagP99,
    show: (r) => `loop lag p99 ${r} ms`,
  },
  'loop-needs-lock': {
    words: "the event loop's callbacks waited for the lock the CPU threads held",
    figure: (c) => c.verdict?.facts.loopLagP99,
    show: (r) => `loop lag p99 ${r} ms`,
  },
};

const FIGURE_DIGITS: Partial<Record<VerdictClass, (x: number) => string>> = {
  'parallel-compute': fixed(1),
  'gil-released': fixed(1),
  'cores-not-free': fixed(1),
  'handoff-cost': fixed(1),
  contention: fixed(1),
  'waits-overlapped': fixed(1),
  'waits-serial': fixed(1),
  'waits-shorter': fixed(2),
  'waits-longer': fixed(2),
  'lock-battle': fixed(0),
  'native-unlocked': pct,
  'lock-serialised': pct,
  convoy: msOf,
  'loop-blocked': msOf,
  'loop-responsive': msOf,
  'loop-needs-lock': msOf,
};

/** Why the cells of one clause came out as they did, with the range of the figure it rests on. */
export function why(klass: VerdictClass, cells: readonly CellResult[]): string {
  if (klass === 'unexplained') return 'no mechanism measured here explains it';
  const gist = GISTS[klass];
  if (!gist) {
    // A reason of its own per cell (a fault names its batch): one said for all only where they agree.
    const reasons = [...new Set(cells.map((c) => c.verdict?.reason ?? ''))];
    if (reasons.length <= 1) return reasons[0] ?? '';
    return cells.map((c) => `${strategyLabel(c)} on ${c.workload}: ${c.verdict?.reason ?? ''}`).join('; ');
  }
  const values = gist.figure ? cells.map(gist.figure).filter((x): x is number => Number.isFinite(x)) : [];
  const show = FIGURE_DIGITS[klass] ?? fixed(2);
  const first = cells[0];
  // A Python process pool runs processes, not threads: its own clause says so.
  const processes = cells.length > 0 && cells.every((c) => c.runtime && c.strategy === 'workers');
  // And CPython's lock is its GIL.
  const cpython = cells.length > 0 && cells.every((c) => c.runtime);
  const named = cpython ? gist.words.replace('the lock', 'the GIL') : gist.words;
  const words = processes ? named.replace('threads', 'processes') : named;
  return values.length > 0 && gist.show && first ? `${words} (${gist.show(spread(values, show), first)})` : words;
}

/** The opening of a sentence: the kind of work, as its sequential runs measured it. */
export function opening(work: Work, rows: ReadonlyArray<{ title: string; facts?: CellFacts }>): string {
  const names = listed(rows.map((r) => r.title));
  const share = (of: (f: CellFacts) => number | undefined): string =>
    spread(
      rows.map((r) => (r.facts ? of(r.facts) : undefined)).filter((x): x is number => x !== undefined),
      pct,
    );
  switch (work) {
    case 'computing':
      return `CPU-bound work (${names}: ${share((f) => 1 - (f.waitShare ?? 0))}% computing)`;
    case 'native':
      return `Work in native code (${names}: ${share((f) => f.nativeShare)}% in native sections)`;
    case 'waiting':
      return `I/O-bound work (${names}: ${share((f) => f.waitShare)}% waiting)`;
    case 'mixed':
      return `Work that both computes and waits (${names}: ${share((f) => f.waitShare)}% waiting)`;
    default:
      return `Work whose sequential run did not complete (${names})`;
  }
}

/** The opening of a latency row's sentence: what its figure is, and sequential's. */
export function latencyOpening(row: SummaryRow): string {
  const alone = row.reference === undefined ? '' : `, ${msOf(row.reference)} ms`;
  return row.figure === 'io-p50'
    ? `I/O beside a CPU task (${row.title}: ${FIGURE_NAME['io-p50']}${alone ? `${alone} alone` : ''})`
    : `The event loop beside CPU work (${row.title}: ${FIGURE_NAME['loop-lag-p99']}${alone ? `${alone} with no loop running` : ''})`;
}
