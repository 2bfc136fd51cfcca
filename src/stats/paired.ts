/**
 * Speedups from batches paired by round. Strategies take turns within a round, so a batch of
 * sequential and a batch of another strategy in the same round met the same machine: the ratio of
 * the pair cancels drift that hits both. Pure functions, no clocks.
 */
import { estimate, type Estimator, type Interval } from './estimate.js';
import { tCritical95 } from './summary.js';

/** Batch times with the round each was measured in (absent in older results: the index stands in). */
export interface Batches {
  samples: readonly number[];
  rounds?: readonly number[] | undefined;
}

/** The pairs of batches measured in the same round, in round order. */
export function pairByRound(base: Batches, other: Batches): Array<[base: number, other: number]> {
  const roundsOf = (b: Batches): readonly number[] => b.rounds ?? b.samples.map((_, i) => i);
  const baseRounds = roundsOf(base);
  const byRound = new Map<number, number>();
  roundsOf(other).forEach((round, i) => byRound.set(round, other.samples[i] as number));
  const pairs: Array<[number, number]> = [];
  baseRounds.forEach((round, i) => {
    const partner = byRound.get(round);
    if (partner !== undefined) pairs.push([base.samples[i] as number, partner]);
  });
  return pairs;
}

/** Each round's ratio, base ÷ other: a speedup per round when base is sequential. */
export function roundRatios(base: Batches, other: Batches): number[] {
  return pairByRound(base, other).map(([b, o]) => b / o);
}

/**
 * The speedup base ÷ other by the estimator, with a 95% interval that respects the pairing: its
 * width is the t-interval of the mean log ratio of the rounds' pairs (so drift shared by a round
 * cancels), centred on the estimator's ratio so that a table's times and speedups agree. With
 * fewer than two pairs there is no spread to judge: the interval is the value alone.
 */
export function pairedSpeedup(estimator: Estimator, base: Batches, other: Batches): Interval {
  const value = estimate(estimator, base.samples) / estimate(estimator, other.samples);
  const logs = roundRatios(base, other).map(Math.log);
  const n = logs.length;
  if (n < 2 || !Number.isFinite(value)) return { value, low: value, high: value };
  const mean = logs.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(logs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const half = tCritical95(n - 1) * (sd / Math.sqrt(n));
  return { value, low: value * Math.exp(-half), high: value * Math.exp(half) };
}

/** Half the interval's width as a share of its value: ±0.05 is "within 5%". */
export function relativeMargin(interval: Interval): number {
  return interval.value > 0 ? (interval.high - interval.low) / 2 / interval.value : Number.NaN;
}
