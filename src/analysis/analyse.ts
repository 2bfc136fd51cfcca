import type { SuiteResult } from '../results/types.js';
import { verdictOf } from './verdict.js';
import { collectWarnings } from './warnings.js';

/**
 * Turns a measured result into one that carries its conclusions: a verdict on every cell and the
 * warnings whose premises hold. Pure: the same result in, the same conclusions out.
 */
export function analyse(result: SuiteResult): SuiteResult {
  const cells = result.cells.map((cell) => ({ ...cell, verdict: verdictOf(cell, result) }));
  const analysed = { ...result, cells };
  return { ...analysed, warnings: collectWarnings(analysed) };
}

/** A saved result of an older version may lack verdicts: they are derived now, from its figures. */
export function withConclusions(result: SuiteResult): SuiteResult {
  return result.cells.every((cell) => cell.verdict) ? result : analyse(result);
}
