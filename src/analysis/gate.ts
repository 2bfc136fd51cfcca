/**
 * The regression gate's sequential design. A cell the first look cannot decide is re-measured: the
 * run gives it (with sequential and the yardstick beside it) as many more rounds as its measured
 * spread says a decision needs, up to a budget, and judges again. Every look tests at ALPHA divided
 * by the looks planned (one-sided, see intervalAlpha), so the chance of a false verdict per cell and
 * metric stays at most ALPHA however many looks are taken (Bonferroni).
 */
import { cellId } from '../results/cell-id.js';
import { yardstickOf } from '../results/reference.js';
import { meanSpread } from '../stats/welch.js';
import { compareCell, intervalAlpha, roundsNeeded, seriesOf, type CompareSettings, type Run } from './compare.js';

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
  const alpha = intervalAlpha(settings.plannedLooks);
  const ids: string[] = [];
  let rounds = 0;
  for (const cell of head.cells) {
    const id = cellId(cell);
    const change = compareCell(base, head, id, settings);
    if (!change || change.label !== 'inconclusive') continue;
    const before = base.cells.find((c) => cellId(c) === id);
    const inYardsticks = Boolean(before && yardstickOf(base, before) && yardstickOf(head, cell));
    for (const metric of change.metrics.filter((m) => m.label === 'inconclusive' && Number.isFinite(m.change))) {
      const b = seriesOf(base, id, metric.metric, inYardsticks)?.logs ?? [];
      const h = seriesOf(head, id, metric.metric, inYardsticks)?.logs ?? [];
      const ratio = 1 + metric.change;
      const worse = metric.metric === 'speedup' ? -Math.log(ratio) : Math.log(ratio);
      const bs = meanSpread(b);
      const hs = meanSpread(h);
      const needed = bs && hs && roundsNeeded(bs, b.length, hs, h.length, worse, settings.thresholdPct, alpha);
      if (!needed) continue;
      if (!ids.includes(id)) ids.push(id);
      rounds = Math.max(rounds, needed);
    }
  }
  return { ids, rounds };
}
