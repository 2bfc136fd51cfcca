import { cellLabel, gilOf } from '../results/cell-id.js';
import type { CellFacts, CellResult, SuiteResult } from '../results/types.js';
import { LOCKED_STRATEGIES, type StrategyName } from '../strategies/names.js';
import { factsOf } from './facts.js';
import { completedReferenceOf } from '../results/reference.js';
import { THRESHOLDS as T } from './thresholds.js';

/** One expectation on one cell: it applied and held or failed, or it did not apply, and why. */
export interface ShapeCheck {
  rule: string;
  cell: string;
  status: 'pass' | 'fail' | 'n/a';
  /** The speedup and its 95% interval, where the rule applied. */
  measured?: number;
  interval?: { low: number; high: number };
  /** The bound, e.g. "≤ 1.10×". */
  expected?: string;
  /** Why the rule does not apply to this cell. */
  why?: string;
}

/** A share of the work at or above this makes it "mostly" that kind of work. */
const MOSTLY = 0.8;
/** An I/O operation shorter than this is not a wait that can overlap (a fast local disk). */
const REAL_WAIT_MS = 2;
/** At least this many free cores for parallel compute to be expected at all. */
const PARALLEL_CORES = 1.5;

interface Rule {
  name: string;
  strategies: readonly StrategyName[];
  /** Why the rule does not apply, or undefined when it does. */
  notApplicable(cell: CellResult, facts: CellFacts, result: SuiteResult): string | undefined;
  /** The most (or least) speedup the rule allows. */
  bound(cell: CellResult, facts: CellFacts, result: SuiteResult): Bound;
}

interface Bound {
  side: 'at most' | 'at least';
  limit: number;
}

/**
 * A rule fails only when the measurements are clearly against it: the speedup's whole 95% interval
 * lies beyond the bound. A point estimate past it, with an interval reaching back, is noise.
 */
function holds(bound: Bound, speedup: { low: number; high: number }): boolean {
  return bound.side === 'at most' ? speedup.low <= bound.limit : speedup.high >= bound.limit;
}

const boundText = (bound: Bound): string => `${bound.side === 'at most' ? '≤' : '≥'} ${bound.limit.toFixed(2)}×`;

/** The best speedup waits (share w) overlapping up to `concurrency` at once, computing up to `cpuParallel`, allow. */
const ideal = (w: number, concurrency: number, cpuParallel: number): number =>
  1 / ((1 - w) / cpuParallel + w / concurrency);

const pct = (share: number): string => `${Math.round(share * 100)}%`;
const computeShare = (facts: CellFacts): number => 1 - (facts.waitShare ?? 0);
const interpretedShare = (facts: CellFacts): number => computeShare(facts) - (facts.nativeShare ?? 0);
const withoutLock = (cell: CellResult, result: SuiteResult): boolean =>
  !LOCKED_STRATEGIES.includes(cell.strategy) || gilOf(cell, result.config.gil) === 'none';

/**
 * The shapes that hold on any machine, whatever its speed. Each compares ratios within one run, so
 * a slow or fast runner passes alike, and each applies only where the measurements meet its premise.
 */
const RULES: readonly Rule[] = [
  {
    name: 'CPU work under the lock gains nothing',
    strategies: LOCKED_STRATEGIES,
    notApplicable(cell, facts, result) {
      if (gilOf(cell, result.config.gil) === 'none') return 'no lock under --gil none';
      if (facts.concurrency < 2) return 'one thread';
      if (interpretedShare(facts) < MOSTLY)
        return `the work is not mostly CPU under the lock (waits ${pct(facts.waitShare ?? 0)}, native ${pct(facts.nativeShare ?? 0)})`;
      return undefined;
    },
    // Nothing beyond what its few waits (under a fifth of the work) can give by overlapping the
    // other threads' turns, with a tenth to spare.
    bound: (_cell, facts) => ({
      side: 'at most',
      limit: 1.1 * ideal(facts.waitShare ?? 0, facts.concurrency, 1),
    }),
  },
  {
    name: 'parallel workers use the free cores',
    strategies: ['workers'],
    notApplicable(_cell, facts) {
      if (facts.concurrency < 2) return 'one thread';
      if (computeShare(facts) < MOSTLY) return `the work is not mostly CPU (waits ${pct(facts.waitShare ?? 0)})`;
      if (facts.freeCores < PARALLEL_CORES) return `only ${facts.freeCores.toFixed(2)} cores were free`;
      return undefined;
    },
    bound: (_cell, facts) => ({ side: 'at least', limit: 0.6 * Math.min(facts.concurrency, facts.freeCores) }),
  },
  {
    name: 'waits overlap',
    strategies: ['async', 'gil-threads', 'async-offload', 'workers'],
    notApplicable(cell, facts, result) {
      if (facts.concurrency < 2) return 'one thread';
      if ((facts.waitShare ?? 0) < MOSTLY) return `waits are not most of the work (${pct(facts.waitShare ?? 0)})`;
      const wait = completedReferenceOf(result.cells, cell)?.io?.p50 ?? 0;
      if (wait < REAL_WAIT_MS) return `each wait is short (${wait.toFixed(2)} ms): nothing to overlap`;
      return undefined;
    },
    bound(cell, facts, result) {
      // The waits overlap up to the concurrency; the CPU part runs one at a time unless no lock serialises it.
      const cpuParallel =
        cell.strategy === 'async' || !withoutLock(cell, result) ? 1 : Math.min(facts.concurrency, facts.freeCores);
      return { side: 'at least', limit: 0.5 * ideal(facts.waitShare ?? 1, facts.concurrency, cpuParallel) };
    },
  },
  {
    name: 'no speedup beyond what the cores and the work allow',
    strategies: ['gil-threads', 'async', 'workers', 'async-offload'],
    notApplicable: (_cell, facts) =>
      facts.bound === undefined ? "the work's shares were not measured (sequential did not complete)" : undefined,
    // The bound the verdicts use, with the same margin: beyond it a batch met something else.
    bound: (_cell, facts) => ({ side: 'at most', limit: (facts.bound ?? Number.POSITIVE_INFINITY) * T.faultMargin }),
  },
];

/** Every rule against every cell it could concern: pass, fail, or not applicable with the reason. */
export function checkShapes(result: SuiteResult): ShapeCheck[] {
  const checks: ShapeCheck[] = [];
  for (const rule of RULES) {
    for (const cell of result.cells) {
      const speedup = cell.speedup;
      if (!rule.strategies.includes(cell.strategy) || cell.focus !== 'throughput') continue;
      if (cell.state !== 'completed' || speedup === undefined) continue;
      const facts = cell.verdict?.facts ?? factsOf(cell, result);
      const id = cellLabel(cell);
      const why = rule.notApplicable(cell, facts, result);
      if (why) {
        checks.push({ rule: rule.name, cell: id, status: 'n/a', why });
        continue;
      }
      const bound = rule.bound(cell, facts, result);
      checks.push({
        rule: rule.name,
        cell: id,
        status: holds(bound, speedup) ? 'pass' : 'fail',
        measured: speedup.value,
        interval: { low: speedup.low, high: speedup.high },
        expected: boundText(bound),
      });
    }
  }
  return checks;
}
