import { cellLabel } from '../results/cell-id.js';
import type { CellFacts, CellResult, SuiteResult } from '../results/types.js';
import { LOCKED_STRATEGIES, type StrategyName } from '../strategies/names.js';
import { factsOf } from './facts.js';
import { completedReferenceOf } from '../results/reference.js';

/** One expectation on one cell: it applied and held or failed, or it did not apply, and why. */
export interface ShapeCheck {
  rule: string;
  cell: string;
  status: 'pass' | 'fail' | 'n/a';
  /** The speedup, where the rule applied. */
  measured?: number;
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
  /** The least or most speedup the rule allows, and how it reads. */
  bound(cell: CellResult, facts: CellFacts, result: SuiteResult): { pass(speedup: number): boolean; text: string };
}

const pct = (share: number): string => `${Math.round(share * 100)}%`;
const computeShare = (facts: CellFacts): number => 1 - (facts.waitShare ?? 0);
const interpretedShare = (facts: CellFacts): number => computeShare(facts) - (facts.nativeShare ?? 0);
const withoutLock = (cell: CellResult, result: SuiteResult): boolean =>
  !LOCKED_STRATEGIES.includes(cell.strategy) || result.config.gil === 'none';

/**
 * The shapes that hold on any machine, whatever its speed. Each compares ratios within one run, so
 * a slow or fast runner passes alike, and each applies only where the measurements meet its premise.
 */
const RULES: readonly Rule[] = [
  {
    name: 'CPU work under the lock gains nothing',
    strategies: LOCKED_STRATEGIES,
    notApplicable(_cell, facts, result) {
      if (result.config.gil === 'none') return 'no lock under --gil none';
      if (facts.concurrency < 2) return 'one thread';
      if (interpretedShare(facts) < MOSTLY)
        return `the work is not mostly CPU under the lock (waits ${pct(facts.waitShare ?? 0)}, native ${pct(facts.nativeShare ?? 0)})`;
      return undefined;
    },
    bound: () => ({ pass: (s) => s <= 1.1, text: '≤ 1.10×' }),
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
    bound(_cell, facts) {
      const bound = 0.6 * Math.min(facts.concurrency, facts.freeCores);
      return { pass: (s) => s >= bound, text: `≥ ${bound.toFixed(2)}×` };
    },
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
      const w = facts.waitShare ?? 1;
      const cpuParallel =
        cell.strategy === 'async' || !withoutLock(cell, result) ? 1 : Math.min(facts.concurrency, facts.freeCores);
      const ideal = 1 / ((1 - w) / cpuParallel + w / facts.concurrency);
      const bound = 0.5 * ideal;
      return { pass: (s) => s >= bound, text: `≥ ${bound.toFixed(2)}×` };
    },
  },
];

/** Every rule against every cell it could concern: pass, fail, or not applicable with the reason. */
export function checkShapes(result: SuiteResult): ShapeCheck[] {
  const checks: ShapeCheck[] = [];
  for (const rule of RULES) {
    for (const cell of result.cells) {
      const speedup = cell.speedup?.value;
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
        status: bound.pass(speedup) ? 'pass' : 'fail',
        measured: speedup,
        expected: bound.text,
      });
    }
  }
  return checks;
}
