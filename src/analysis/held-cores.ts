/**
 * Whether other programs held the cores when a run started, by its capacity probe: a run measured
 * beside them cannot be told from a change of the code, so the regression gate holds back what
 * such a run reads as worse (exit 3, not 1) and says which run it was.
 */
import type { SuiteResult } from '../results/types.js';
import { THRESHOLDS as T } from './thresholds.js';

/** "this run 0.03 of 2" where the probe found fewer cores idle than the run's threads needed. */
function held(run: SuiteResult, name: string): string | undefined {
  const capacity = run.environment.capacity;
  const expected = Math.min(Math.max(...run.config.threads), run.environment.availableParallelism);
  return capacity && capacity.freeCores < T.freeShare * expected
    ? `${name} ${capacity.freeCores.toFixed(2)} of ${expected}`
    : undefined;
}

/** Which of the named runs found their cores held by other programs, in words; undefined if none. */
export function heldCores(runs: ReadonlyArray<readonly [SuiteResult, string]>): string | undefined {
  const named = runs.map(([run, name]) => held(run, name)).filter((x): x is string => x !== undefined);
  return named.length === 0 ? undefined : `other programs held the cores (idle at the start: ${named.join(', ')})`;
}
