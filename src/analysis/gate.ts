/**
 * The regression gate's sequential design. A cell the first look cannot decide is re-measured: the
 * run gives it (with sequential and the yardstick beside it) as many more rounds as its measured
 * spread says a decision needs, up to a budget, and judges again. Every look tests at ALPHA divided
 * by the looks planned, so the chance of a false verdict per cell stays at most ALPHA however many
 * looks are taken (Bonferroni).
 */
import { cellId } from '../results/cell-id.js';
import type { CellResult } from '../results/types.js';
import { referenceOf, yardstickOf } from '../results/reference.js';
import { roundRatios } from '../stats/paired.js';
import { trimmedSpread } from '../stats/yuen.js';
import { ALPHA, compareCell, roundsNeeded, type CompareSettings, type Run } from './compare.js';

/** Looks in all: the run's own, then up to two re-measurements. */
export const GATE_LOOKS = 3;

export interface RoundsPlan {
  /** Cells (by id) to re-measure. */
  ids: string[];
  /** Further rounds for them, the largest any of them needs. */
  rounds: number;
}

/** Which undecided cells to re-measure, and for how many rounds, judged on what the head has so far. */
export function planRounds(base: Run, head: Run, settings: CompareSettings): RoundsPlan {
  const alpha = ALPHA / settings.plannedLooks;
  const ids: string[] = [];
  let rounds = 0;
  for (const cell of head.cells) {
    const id = cellId(cell);
    const change = compareCell(base, head, id, settings);
    if (!change || change.label !== 'inconclusive') continue;
    for (const metric of change.metrics.filter((m) => m.label === 'inconclusive' && Number.isFinite(m.change))) {
      const series = (run: Run): number[] => seriesOf(run, cell, metric.metric);
      const b = series(base);
      const h = series(head);
      const ratio = 1 + metric.change;
      const worse = metric.metric === 'speedup' ? -Math.log(ratio) : Math.log(ratio);
      const bs = trimmedSpread(b.map(Math.log));
      const hs = trimmedSpread(h.map(Math.log));
      const needed = bs && hs && roundsNeeded(bs, b.length, hs, h.length, worse, settings.thresholdPct, alpha);
      if (!needed) continue;
      if (!ids.includes(id)) ids.push(id);
      rounds = Math.max(rounds, needed);
    }
  }
  return { ids, rounds };
}

/** The per-round values a metric compares (as ratios, whose logarithms the test uses). */
function seriesOf(run: Run, cell: CellResult, metric: 'speedup' | 'time'): number[] {
  const own = run.cells.find((c) => cellId(c) === cellId(cell));
  if (!own) return [];
  if (metric === 'speedup') {
    const reference = referenceOf(run.cells, own);
    return reference ? roundRatios(reference, own) : [];
  }
  const yardstick = yardstickOf(run, own);
  return yardstick ? roundRatios(own, yardstick) : [...own.samples];
}
