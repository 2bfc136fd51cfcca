import type { SuiteResult } from '../results/types.js';
import { summarise } from './summary.js';
import { sweepsOf } from './sweep.js';
import { verdictOf } from './verdict.js';
import { collectWarnings } from './warnings.js';

/**
 * Turns a measured result into one that carries its conclusions: a verdict on every cell, the
 * warnings whose premises hold, the summary's matrix and sentences, and each sweep's crossovers.
 * Pure: the same result in, the same conclusions out. Reporters render these; none derives them.
 */
export function analyse(result: SuiteResult): SuiteResult {
  const cells = result.cells.map((cell) => ({ ...cell, verdict: verdictOf(cell, result) }));
  const judged = { ...result, cells };
  const warned = { ...judged, warnings: collectWarnings(judged) };
  const sweeps = sweepsOf(warned);
  return { ...warned, summary: summarise(warned), ...(sweeps.length > 0 ? { sweeps } : {}) };
}

/** A saved result of an older version may lack conclusions: they are derived now, from its figures. */
export function withConclusions(result: SuiteResult): SuiteResult {
  return result.summary && result.cells.every((cell) => cell.verdict) ? result : analyse(result);
}
