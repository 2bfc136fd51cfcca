/**
 * Whether other programs held the cores when a run started, by its capacity probe: a run measured
 * beside them cannot be told from a change of the code, so the regression gate holds back what
 * such a run reads as worse (exit 3, not 1) and says which run it was.
 */
import type { SuiteResult } from '../results/types.js';
import { THRESHOLDS as T } from './thresholds.js';

/** The cores the run's threads could use at once: as many as the threads, up to the cores. */
export function coresNeeded(run: SuiteResult): number {
  return Math.min(Math.max(...run.config.threads), run.environment.availableParallelism);
}

/** Cores other programs kept busy during a run's batches: the median over its measured cells. */
export function otherCores(run: SuiteResult): number | undefined {
  const measured = run.cells
    .map((cell) => cell.host?.otherCores)
    .filter((x): x is number => x !== undefined)
    .sort((a, b) => a - b);
  return measured.length === 0 ? undefined : measured[Math.floor((measured.length - 1) / 2)];
}

/**
 * "this run: 0.03 of 2 cores idle at its start" where the probe found the cores held, or "this
 * run: 0.80 cores busy with other programs during its batches" where they came later.
 */
function held(run: SuiteResult, name: string): string | undefined {
  const capacity = run.environment.capacity;
  const expected = coresNeeded(run);
  if (capacity && capacity.freeCores < T.freeShare * expected)
    return `${name}: ${capacity.freeCores.toFixed(2)} of ${expected} cores idle at its start`;
  const others = otherCores(run);
  return others !== undefined && others >= (1 - T.freeShare) * expected
    ? `${name}: ${others.toFixed(2)} cores busy with them during its batches`
    : undefined;
}

/** Which of the named runs found their cores held by other programs, in words; undefined if none. */
export function heldCores(runs: ReadonlyArray<readonly [SuiteResult, string]>): string | undefined {
  const named = runs.map(([run, name]) => held(run, name)).filter((x): x is string => x !== undefined);
  return named.length === 0 ? undefined : `other programs held the cores (${named.join('; ')})`;
}
