import { pythonAnalogue } from '../strategies/names.js';
import type { CellResult, Direction, Mechanism, SuiteResult, Verdict, VerdictClass } from '../results/types.js';
import { factsOf } from './facts.js';
import { mechanismsOf, RULES, type Evidence } from './mechanisms.js';
import { gilOf } from '../results/cell-id.js';
import { completedReferenceOf } from '../results/reference.js';
import { THRESHOLDS as T } from './thresholds.js';
import { heldCores } from './held-cores.js';
import { outlierBatch } from './bounds.js';
import { median } from '../stats/quantile.js';
import { STILL_WARMING, warmingShare } from './warming.js';

/** Mechanisms that explain a gain, in the order a reason names them. */
const GAINS: readonly Mechanism[] = [
  'parallel-compute',
  'native-unlocked',
  'gil-released',
  'waits-shorter',
  'waits-overlapped',
];
/** Mechanisms that explain no gain or a loss, the most telling first. */
const LIMITS: readonly Mechanism[] = [
  'one-thread',
  'transfer-cost',
  'lock-battle',
  'lock-serialised',
  'loop-runs-cpu',
  'waits-serial',
  'waits-longer',
  'cores-not-free',
  'contention',
  'handoff-cost',
  // Last: collecting garbage is said beside the main reason, and is the reason only where nothing else is.
  'gc-heavy',
];
/** What a cell of each focus may be judged by. */
const FOCUS: Record<CellResult['focus'], readonly Mechanism[]> = {
  throughput: [...GAINS, ...LIMITS],
  'io-latency': ['convoy', 'loop-blocked', 'no-convoy'],
  'loop-lag': ['loop-blocked', 'loop-needs-lock', 'loop-responsive'],
};

const ratio = (x: number): string => `${x.toFixed(2)}×`;

/**
 * What the speedup's 95% interval supports: a change only where the whole interval lies beyond 1
 * by more than the practical margin (3%), the rule the ▲/▼ marks state. A point estimate past 3%
 * with an interval that reaches back within it is not a change of that size.
 */
export function directionOf(cell: CellResult, reference: CellResult | undefined): Direction {
  const speedup = cell.speedup;
  if (!speedup) return 'unknown';
  const few = (cell.stats?.samples ?? 0) < 2 || (reference?.stats?.samples ?? 0) < 2;
  if (few) return 'unknown';
  if (speedup.low > T.practicalRatio) return 'faster';
  if (speedup.high < 1 / T.practicalRatio) return 'slower';
  return 'same';
}

function headlineOf(cell: CellResult, direction: Direction): string {
  const value = cell.speedup?.value ?? Number.NaN;
  switch (direction) {
    case 'faster':
      return `${ratio(value)} faster`;
    case 'slower':
      return `${ratio(1 / value)} slower`;
    case 'same': {
      const { low = value, high = value } = cell.speedup ?? {};
      const practical = Math.round((T.practicalRatio - 1) * 100);
      if (low <= 1 && high >= 1) return 'no measurable difference';
      if (low >= 1 / T.practicalRatio && high <= T.practicalRatio) return `within ${practical}% of sequential`;
      // The interval clears 1 but reaches back within the practical margin.
      return `${high < 1 ? 'slower' : 'faster'}, but not measurably by over ${practical}%`;
    }
    default:
      return Number.isFinite(value) ? `${ratio(value)} (too few batches to tell)` : 'no speedup';
  }
}

/**
 * An interval that reaches back within the practical margin of 1 and past the noisy bound on either
 * side: it holds both no change worth the name and a large one. Not only one that holds 1 itself:
 * a first look's to_thread on a pure-Python loop read 1.31× (1.01–1.70), which is no gain to explain.
 */
function noisy({ low, high }: { low: number; high: number }): boolean {
  return low <= T.practicalRatio && high >= 1 / T.practicalRatio && (high > T.noisyRatio || low < 1 / T.noisyRatio);
}

/**
 * A speedup beyond what the cores and the work allow (facts.bound, with a margin): a stray batch
 * made it, which is named, and it is never shown as a gain.
 */
function faultOf(
  cell: CellResult,
  facts: Verdict['facts'],
  reference: CellResult | undefined,
): { headline: string; reason: string } | undefined {
  const { speedup } = cell;
  if (!speedup || facts.bound === undefined || !reference) return undefined;
  const headline = `measurement fault: ${ratio(speedup.value)} is beyond the ${ratio(facts.bound)} this work allows here`;
  // The figure itself, not only its interval: a point beyond the bound is never shown as a gain.
  if (speedup.value > facts.bound * T.faultMargin) {
    const batch = outlierBatch(cell, reference);
    return { headline, reason: `${batch ?? 'a batch met something else on the machine'}; not a gain: run it again` };
  }
  // Past the bound by less: a fault where only the fastest batches show it, and the typical ones
  // stay within it (matmul under the lock: 1.09× by its fastest batch, 0.97× by its median). Where
  // the typical batches pass it too, the bound's own measured shares are off, not one batch (the
  // guide's 25% I/O under the lock: 1.16× typical, 1.19× fastest, against 1.14×).
  const typical = typicalRatio(cell, reference);
  if (speedup.value > facts.bound * T.practicalRatio && typical !== undefined && typical <= facts.bound) {
    const fastest = Math.min(...cell.samples);
    return {
      headline,
      reason: `it comes from its fastest batch (${ms(fastest)} against a median of ${ms(median(cell.samples))}); by typical batches it reads ${ratio(typical)}: ${typical > T.practicalRatio ? `a gain of about that, not ${ratio(speedup.value)}` : 'not a gain'}`,
    };
  }
  // A bound that rests on no measured share (the work only computes), in interpreters of one kind
  // (CPython's: a Node worker may outrun the main thread, on a smaller heap), is the hardware's. An
  // interval wholly past it is a fault even where the typical batches pass it too: sequential's
  // batches met something else throughout (a first look's processes read 2.25× (2.08–2.43) on 2
  // cores, every round's sequential batch slow).
  const certain =
    cell.runtime !== undefined && (facts.waitShare ?? 1) < T.pureShare && (facts.nativeShare ?? 0) < T.pureShare;
  if (certain && speedup.low > facts.bound * T.practicalRatio) {
    const seqTypical = median(reference.samples);
    return {
      headline,
      reason: `its whole interval is past it (${speedup.low.toFixed(2)}–${speedup.high.toFixed(2)}×), by typical batches too (sequential's ${ms(seqTypical)} against this cell's ${ms(median(cell.samples))}): sequential's batches met something else on the machine; not a gain: run it again`,
    };
  }
  return undefined;
}

const ms = (x: number): string => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;

/** Sequential's typical batch over the cell's: its speedup by medians, whatever the run's estimator. */
function typicalRatio(cell: CellResult, reference: CellResult): number | undefined {
  if (cell.samples.length === 0 || reference.samples.length === 0) return undefined;
  const own = median(cell.samples);
  return own > 0 ? median(reference.samples) / own : undefined;
}

/** "sequential was still getting faster while timed (its first half 12% slower)", or undefined. */
function stillWarming(cell: CellResult, reference: CellResult | undefined): string | undefined {
  const warming = [reference, cell]
    .filter((c): c is CellResult => c !== undefined)
    .map((c) => ({ c, share: warmingShare(c) }))
    .filter(({ share }) => share >= STILL_WARMING);
  if (warming.length === 0) return undefined;
  const named = warming.map(({ c, share }) => `${c.strategy} (its first half ${Math.round(share * 100)}% slower)`);
  return `${named.join(' and ')} ${warming.length > 1 ? 'were' : 'was'} still getting faster while timed`;
}

/** The mechanisms a throughput verdict cites: those that explain its direction, the main one first. */
function citedFor(direction: Direction, speedup: CellResult['speedup'], holding: readonly Mechanism[]): Mechanism[] {
  // A gain too small to call (its interval clears 1, not 3%) is still explained as a gain.
  const gainSide =
    direction === 'faster' ||
    (direction === 'unknown' && (speedup?.value ?? Number.NaN) >= 1) ||
    (direction === 'same' && (speedup?.low ?? 0) > 1);
  // Collecting garbage held a gain back: said after what made it.
  const collecting = holding.includes('gc-heavy') ? ['gc-heavy' as const] : [];
  if (gainSide) return [...GAINS.filter((m) => holding.includes(m)).slice(0, 2), ...collecting];
  const limit = LIMITS.find((m) => holding.includes(m));
  if (!limit) return [];
  // A measured cost of handing tasks to processes says why one that could not overlap lost.
  if (limit === 'one-thread' && holding.includes('transfer-cost')) return [limit, 'transfer-cost'];
  // Waits that overlapped say why a CPU-limited cell still did not lose.
  const mitigating =
    limit !== 'waits-serial' && holding.includes('waits-overlapped') ? ['waits-overlapped' as const] : [];
  return [limit, ...mitigating, ...(limit !== 'gc-heavy' ? collecting : [])];
}

/** Latency-focused cells are judged by their own figure, not by a speedup. */
function citedForFocus(holding: readonly Mechanism[], focus: CellResult['focus']): Mechanism[] {
  if (focus === 'loop-lag') {
    if (holding.includes('loop-responsive')) return ['loop-responsive'];
    return holding.filter((m) => m === 'loop-blocked' || m === 'loop-needs-lock');
  }
  const first = FOCUS[focus].find((m) => holding.includes(m));
  return first ? [first] : [];
}

/**
 * A cell's verdict, from measured quantities only: what its interval supports, and the mechanisms
 * whose measured premises hold. A workload's declared kind plays no part.
 */
export function verdictOf(cell: CellResult, result: SuiteResult): Verdict {
  const { config } = result;
  // A Python cell ran the real thing: threading under the GIL, or on a free-threaded build without one.
  const analogue = pythonAnalogue(
    cell.strategy,
    cell.runtime ? (cell.runtime.gil === false ? 'none' : 'cpython') : gilOf(cell, config.gil),
  );
  const reference = completedReferenceOf(result.cells, cell);
  const facts = factsOf(cell, result);
  const make = (
    direction: Direction,
    klass: VerdictClass,
    because: Mechanism[],
    headline: string,
    reason: string,
  ): Verdict => ({
    direction,
    class: klass,
    because,
    headline,
    reason,
    analogue,
    text: reason ? `${headline}: ${reason} (${analogue})` : `${headline} (${analogue})`,
    facts,
  });
  if (cell.state === 'mismatch') {
    const tasks = (cell.mismatches ?? []).map((m) => m.task).join(', ');
    return make(
      'wrong',
      'wrong-results',
      [],
      'MISMATCH',
      `checksums differ from sequential on task ${tasks}; its times are not comparable`,
    );
  }
  if (cell.state === 'errored') return make('failed', 'failed', [], 'FAILED', cell.error ?? 'unknown error');
  const evidence: Evidence = { cell, facts, config, ...(reference ? { reference } : {}) };
  const holding = mechanismsOf(evidence).filter((m) => FOCUS[cell.focus].includes(m));
  const words = (cited: Mechanism[]): string => cited.map((m) => RULES[m].words(evidence)).join('; ');
  if (cell.strategy === 'sequential') {
    const own = citedForFocus(holding, cell.focus).filter((m) => m !== 'no-convoy');
    const figure =
      cell.focus === 'io-latency' && cell.io
        ? `the I/O task runs alone, off-CPU p50 ${cell.io.p50.toFixed(2)} ms`
        : 'the reference';
    return make('reference', 'reference', own, figure, cell.focus === 'loop-lag' ? words(own) : '');
  }
  if (!cell.speedup && cell.focus === 'throughput') {
    return make('unknown', 'unexplained', [], 'no speedup', 'sequential did not complete');
  }
  const fault = cell.focus === 'throughput' ? faultOf(cell, facts, reference) : undefined;
  if (fault) return make('unknown', 'measurement-fault', [], fault.headline, fault.reason);
  const direction = directionOf(cell, reference);
  if (cell.focus !== 'throughput') {
    const cited = citedForFocus(holding, cell.focus);
    const klass: VerdictClass = cited[0] ?? 'unexplained';
    const [first, ...rest] = cited.map((m) => RULES[m].words(evidence));
    return make(direction, klass, holding, first ?? 'no latency figures to judge', rest.join('; '));
  }
  const cited = citedFor(direction, cell.speedup, holding);
  // Nothing to explain where the interval holds both no change and a large one: say so instead.
  if (cited.length === 0 && direction === 'same' && cell.speedup && noisy(cell.speedup)) {
    const { low, high } = cell.speedup;
    return make(
      'unknown',
      'too-noisy',
      holding,
      'too noisy to tell',
      `its 95% interval, ${low.toFixed(2)}–${high.toFixed(2)}×, holds both no change and a change of over ${Math.round((T.noisyRatio - 1) * 100)}%; ${config.quick ? 'run without --quick' : 'run it again, or with a larger --time'}`,
    );
  }
  // Nothing measured explains it, on a machine other programs were using (they may have made it),
  // or beside batches still getting faster while timed (the figure measures the warm-up: matmul,
  // async 1.19× on one core while sequential's first half ran slower): it cannot be told.
  const cannotTell = (klass: VerdictClass, why: string): Verdict =>
    make('unknown', klass, holding, `${ratio(cell.speedup?.value ?? Number.NaN)}, cannot tell`, why);
  const busy = cited.length === 0 ? heldCores([[result, 'this run']]) : undefined;
  if (busy)
    return cannotTell(
      'machine-busy',
      `${busy}, and no mechanism measured here explains the figure: it may be theirs; run it on a quieter machine`,
    );
  const warming = cited.length === 0 ? stillWarming(cell, reference) : undefined;
  if (warming)
    return cannotTell(
      'still-warming',
      `${warming}, so the figure may measure a warm-up rather than the strategy; raise --warmup-time`,
    );
  // A first look's few batches: a figure nothing measured explains is as likely their noise (a
  // pure-Python loop's threads read 1.19× (1.06–1.35) in one, on a machine whose batches jumped
  // between 100 and 165 ms), so it is not called a gain or a loss.
  if (cited.length === 0 && config.quick)
    return cannotTell(
      'too-noisy',
      'a first look, and no mechanism measured here explains the figure: its few batches cannot tell it from noise; run without --quick',
    );
  const reason =
    cited.length > 0
      ? words(cited)
      : direction === 'faster'
        ? 'neither overlap nor parallel compute was measured to explain it'
        : 'no mechanism measured here explains it';
  return make(direction, cited[0] ?? 'unexplained', holding, headlineOf(cell, direction), reason);
}
